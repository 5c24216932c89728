package org.planwatch.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Turns the services' JSON into what templates read (maps and lists) and into data embedded in a page. */
@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? null : mapper.convertValue(node, Map.class);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : mapper.convertValue(node, List.class);
    }

    /** JSON for a {@code <script type="application/json">} block: "<" is escaped so the text cannot close the element. */
    public String embed(Object value) {
        try {
            return mapper.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the page data", e);
        }
    }
}
