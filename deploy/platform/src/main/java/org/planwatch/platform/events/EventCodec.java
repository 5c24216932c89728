package org.planwatch.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads and writes {@link CloudEvent}s and their data with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    /** A reader per data type, its deserializers looked up once. */
    private final Map<Class<?>, ObjectReader> typedReaders = new ConcurrentHashMap<>();

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

    /** An event read by {@link #readData}: its id and its data. */
    public record Received<T>(String id, T data) {
    }

    /** The attributes a consumer checks, with the data bound to its record as it is parsed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TypedEnvelope<T>(String specversion, String id, String type, T data) {
    }

    /**
     * Parses a Kafka record value straight into its data record, in one pass ({@link #read} then {@link #data} parse
     * into a tree first and bind it after: a quarter of a consumer's CPU). A message that does not bind, or lacks what
     * {@link CloudEvent#requireValid} asks for, is read again the slow way for the reason it is a
     * {@link MalformedEventException}.
     */
    public <T> Received<T> readData(String json, String expectedType, Class<T> type) {
        TypedEnvelope<T> event = json == null ? null : bindInOnePass(json, type);
        // The same checks as requireValid; a record bound from JSON data is an object.
        if (event != null && CloudEvent.invalidReason(event.specversion(), event.id(), event.type(), expectedType,
                event.data() != null) == null) {
            return new Received<>(event.id(), event.data());
        }
        CloudEvent read = read(json, expectedType);
        return new Received<>(read.id(), data(read, type));
    }

    /** The envelope with its data bound, or null when the message does not bind (the slow read says why). */
    private <T> TypedEnvelope<T> bindInOnePass(String json, Class<T> type) {
        try {
            return typedReaders.computeIfAbsent(type, this::typedReader).readValue(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private ObjectReader typedReader(Class<?> type) {
        return mapper.readerFor(mapper.getTypeFactory().constructParametricType(TypedEnvelope.class, type));
    }
}
