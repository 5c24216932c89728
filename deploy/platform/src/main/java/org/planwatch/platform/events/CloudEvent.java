package org.planwatch.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A planwatch event in CloudEvents 1.0 structured mode: the attributes and the {@code data}
 * object travel together as one JSON value on Kafka.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public static CloudEvent of(String source, String type, String subject, OffsetDateTime time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, timeOrderedId(System.currentTimeMillis()).toString(), source, type, subject, time,
                "application/json", data);
    }

    /**
     * A version 7 UUID (RFC 9562): the milliseconds since the epoch, then 74 random bits. Events written one after
     * another get ids that sort together, so each consumer's ledger of processed ids (a B-tree on the id) grows at its
     * right edge instead of dirtying a random page of a large index for every event.
     */
    static UUID timeOrderedId(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** Checks the attributes a consumer relies on; a message without them is a poison message. */
    public CloudEvent requireValid(String expectedType) {
        String invalid = invalidReason(specversion, id, type, expectedType, data != null && data.isObject());
        if (invalid != null) {
            throw new MalformedEventException(invalid);
        }
        return this;
    }

    /** Why an event with these attributes is a poison message, or null when a consumer can rely on them. */
    static String invalidReason(String specversion, String id, String type, String expectedType, boolean hasDataObject) {
        if (!SPEC_VERSION.equals(specversion)) {
            return "unsupported specversion " + specversion;
        }
        if (id == null || id.isBlank()) {
            return "event has no id";
        }
        if (!Objects.equals(expectedType, type)) {
            return "expected an event of type " + expectedType + " but got " + type;
        }
        if (!hasDataObject) {
            return "event " + id + " has no data object";
        }
        return null;
    }
}
