package org.planwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.planwatch.platform.security.Caller;

/**
 * JSON uploads carrying an {@code Idempotency-Key}: the first answer is stored with the figures it
 * accepted, in the same transaction; a retry by the same caller with the same key and body gets
 * that answer back and stores and publishes nothing; the same key with another body is refused.
 */
@ApplicationScoped
public class IdempotentUploads {

    private final ObservationService observations;
    private final IdempotencyKeys keys;

    public IdempotentUploads(ObservationService observations, IdempotencyKeys keys) {
        this.observations = observations;
        this.keys = keys;
    }

    @Transactional
    public UploadResult upload(String key, JsonNode body, String source, Caller caller) {
        IdempotencyKeys.check(key);
        String hash = IdempotencyKeys.sha256(body == null ? "" : body.toString());
        Optional<IdempotencyKeys.Earlier> earlier = keys.lockAndFind(caller.id(), key);
        if (earlier.isPresent()) {
            return keys.answer(key, earlier.get(), hash, UploadResult.class);
        }
        UploadResult result = observations.upload(body, source, caller);
        keys.insert(caller.id(), key, hash, keys.write(result));
        return result;
    }
}
