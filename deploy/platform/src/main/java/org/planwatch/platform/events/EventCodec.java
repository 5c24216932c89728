package org.planwatch.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes {@link CloudEvent}s and their data with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent envelope(String source, String type, String subject, java.time.OffsetDateTime time, Object data) {
        // Wrapped, not converted to a tree: the data is written straight into the event's JSON once, at the outbox
        // (a tree first cost a third of the serialisation of every event).
        return CloudEvent.of(source, type, subject, time, mapper.getNodeFactory().pojoNode(data));
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be serialised", e);
        }
    }

    /** Parses a Kafka record value; anything unreadable is a {@link MalformedEventException}. */
    public CloudEvent read(String json, String expectedType) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty message");
        }
        try {
            return mapper.readValue(json, CloudEvent.class).requireValid(expectedType);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("message is not a CloudEvent: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " has unreadable data: " + e.getMessage(), e);
        }
    }
}
