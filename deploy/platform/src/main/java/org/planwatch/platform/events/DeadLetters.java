package org.planwatch.platform.events;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A record a batch consumer could not use, addressed to its topic's {@code .dlq} twin with the
 * original key and the reason in the {@code dead-letter-reason} header (the names SmallRye's own
 * dead-letter strategy uses).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static Message<String> of(ConsumerRecord<String, String> record, RuntimeException reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return Message.of(record.value() == null ? "" : record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(record.topic())).withKey(record.key()).withHeaders(headers).build());
    }
}
