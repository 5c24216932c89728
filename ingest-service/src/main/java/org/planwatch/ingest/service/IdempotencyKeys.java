package org.planwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    /** The advisory lock space of running file uploads (two-key locks, apart from the one-key ones). */
    private static final int FILE_UPLOAD_LOCKS = 0x706c7570;

    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotencyKeys(EntityManager entityManager, DataSource dataSource, ObjectMapper mapper, Clock clock) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A request already seen: its hash and the answer (null from a file upload that held the key and did not finish). */
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

    /** Records the key and its answer in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(String caller, String key, String requestHash, String response) {
        entityManager.createNativeQuery("insert into idempotent_request (caller, idempotency_key, request_hash, response, "
                + "created_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash).setParameter(4, response)
                .setParameter(5, OffsetDateTime.now(clock)).executeUpdate();
    }

    /**
     * A file upload's hold on its key while its chunks are stored: a session-level advisory lock
     * on a connection of its own (a lock space apart from {@link #lockAndFind}'s). The hold ends
     * when the upload answers, and also when its process dies or the database restarts, so a key
     * is never left "in use" by an upload that is gone: the client's retry then runs the upload
     * again, and figures stored before the failure are found unchanged, not stored twice.
     */
    public final class Hold implements AutoCloseable {

        private final Connection connection;
        private final int lock;

        private Hold(Connection connection, int lock) {
            this.connection = connection;
            this.lock = lock;
        }

        @Override
        public void close() {
            try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, FILE_UPLOAD_LOCKS);
                unlock.setInt(2, lock);
                unlock.execute();
            } catch (SQLException e) {
                // The connection is gone, and the lock with it.
                LOG.debugf("releasing an upload's key lock: %s", e.getMessage());
            }
        }
    }

    /** Holds {@code key} for a file upload; a 409 while another running upload holds it. */
    public Hold hold(String caller, String key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // Outside any transaction: each statement commits, and nothing is left open on the pooled connection.
            connection.setAutoCommit(true);
            int lock;
            try (PreparedStatement hash = connection.prepareStatement("select hashtext(?)")) {
                hash.setString(1, caller + "\n" + key);
                try (ResultSet row = hash.executeQuery()) {
                    row.next();
                    lock = row.getInt(1);
                }
            }
            try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                tryLock.setInt(1, FILE_UPLOAD_LOCKS);
                tryLock.setInt(2, lock);
                try (ResultSet row = tryLock.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        connection.close();
                        throw new ProblemException(409, "idempotency-key-in-use", "An upload with this Idempotency-Key is running",
                                "the first upload with key '" + key + "' is still being stored; retry when it has answered", List.of());
                    }
                }
            }
            return new Hold(connection, lock);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot hold the upload's Idempotency-Key: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing a connection: %s", e.getMessage());
            }
        }
    }

    /**
     * For a file upload whose key is held: the earlier answer, if any. A key without an answer is
     * left by an upload that did not finish (it no longer holds the key), so it is cleared.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Earlier> findAnswered(String caller, String key) {
        Optional<Earlier> earlier = lockAndFind(caller, key);
        if (earlier.isPresent() && earlier.get().response() == null) {
            entityManager.createNativeQuery("delete from idempotent_request where caller = ?1 and idempotency_key = ?2 "
                    + "and response is null").setParameter(1, caller).setParameter(2, key).executeUpdate();
            return Optional.empty();
        }
        return earlier;
    }

    /** Records a finished file upload's answer under its key. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String caller, String key, String requestHash, Object answer) {
        insert(caller, key, requestHash, write(answer));
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
