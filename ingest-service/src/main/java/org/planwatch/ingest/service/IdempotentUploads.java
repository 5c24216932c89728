package org.planwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * Uploads carrying an {@code Idempotency-Key}: the first answer is stored with the figures it
 * accepted, in the same transaction; a retry with the same key and body gets that answer back and
 * stores and publishes nothing; the same key with another body is refused.
 */
@ApplicationScoped
public class IdempotentUploads {

    private final ObservationService observations;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotentUploads(ObservationService observations, EntityManager entityManager, ObjectMapper mapper, Clock clock) {
        this.observations = observations;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public UploadResult upload(String key, JsonNode body, String source) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid("the Idempotency-Key header is not usable",
                    List.of(Violation.ofField("Idempotency-Key", "1 to 200 characters")));
        }
        String hash = sha256(body == null ? "" : body.toString());
        // Serialises retries racing each other with the same key.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, key).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> earlier = entityManager.createNativeQuery(
                "select request_hash, response from idempotent_request where idempotency_key = ?1")
                .setParameter(1, key).getResultList();
        if (!earlier.isEmpty()) {
            if (!hash.equals(earlier.get(0)[0])) {
                throw new ProblemException(422, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                        "key '" + key + "' was first used with a different body; use a new key for a new upload",
                        List.of(Violation.ofField("Idempotency-Key", "already used with a different body")));
            }
            return read((String) earlier.get(0)[1]);
        }
        UploadResult result = observations.upload(body, source);
        entityManager.createNativeQuery("insert into idempotent_request (idempotency_key, request_hash, response, created_at) "
                + "values (?1, ?2, ?3, ?4)")
                .setParameter(1, key).setParameter(2, hash).setParameter(3, write(result))
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate();
        return result;
    }

    private String write(UploadResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("upload answer cannot be stored", e);
        }
    }

    private UploadResult read(String json) {
        try {
            return mapper.readValue(json, UploadResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored upload answer cannot be read", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
