package org.planwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Optional;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * The {@code idempotent_request} ledger: the first answer to each Idempotency-Key of each caller
 * (a key is scoped to the token's {@code upn}, so two bureaus cannot collide), with a hash of the
 * request it answered. Shared by the JSON endpoint and file uploads.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotencyKeys(EntityManager entityManager, ObjectMapper mapper, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A request already seen: its hash and the answer (null while a file upload holding the key is still running). */
    public record Earlier(String requestHash, String response) {
    }

    public static void check(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid("the Idempotency-Key header is not usable",
                    List.of(Violation.ofField("Idempotency-Key", "1 to 200 characters")));
        }
    }

    /** Within the caller's transaction: waits for any request racing with the same key, then finds the earlier one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Earlier> lockAndFind(String caller, String key) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, caller + "\n" + key)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select request_hash, response from idempotent_request where caller = ?1 and idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(row -> new Earlier((String) row[0], (String) row[1]));
    }

    /** Records the key in the caller's transaction; {@code response} null marks a file upload still running. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(String caller, String key, String requestHash, String response) {
        entityManager.createNativeQuery("insert into idempotent_request (caller, idempotency_key, request_hash, response, "
                + "created_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash).setParameter(4, response)
                .setParameter(5, OffsetDateTime.now(clock)).executeUpdate();
    }

    /** Claims a key for a file upload in a transaction of its own: empty when the upload may run, else the earlier request. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Earlier> claim(String caller, String key, String requestHash) {
        Optional<Earlier> earlier = lockAndFind(caller, key);
        if (earlier.isEmpty()) {
            insert(caller, key, requestHash, null);
        }
        return earlier;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String caller, String key, Object answer) {
        entityManager.createNativeQuery("update idempotent_request set response = ?3 where caller = ?1 and idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, write(answer)).executeUpdate();
    }

    /** Frees a key whose upload failed, so a retry runs again (as a failed JSON request leaves no key behind). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String caller, String key) {
        entityManager.createNativeQuery("delete from idempotent_request where caller = ?1 and idempotency_key = ?2 "
                + "and response is null").setParameter(1, caller).setParameter(2, key).executeUpdate();
    }

    /** The earlier answer for the same request; a 422 for another request, a 409 while the first is still running. */
    public <T> T answer(String key, Earlier earlier, String requestHash, Class<T> type) {
        if (!requestHash.equals(earlier.requestHash())) {
            throw new ProblemException(422, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                    "key '" + key + "' was first used with a different body; use a new key for a new upload",
                    List.of(Violation.ofField("Idempotency-Key", "already used with a different body")));
        }
        if (earlier.response() == null) {
            throw new ProblemException(409, "idempotency-key-in-use", "An upload with this Idempotency-Key is running",
                    "the first upload with key '" + key + "' is still being stored; retry when it has answered", List.of());
        }
        try {
            return mapper.readValue(earlier.response(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored upload answer cannot be read", e);
        }
    }

    public String write(Object answer) {
        try {
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("upload answer cannot be stored", e);
        }
    }

    public static String sha256(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
