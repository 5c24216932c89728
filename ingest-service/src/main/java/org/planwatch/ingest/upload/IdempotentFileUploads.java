package org.planwatch.ingest.upload;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Optional;
import org.planwatch.ingest.service.IdempotencyKeys;
import org.planwatch.platform.security.Caller;

/**
 * File uploads carrying an {@code Idempotency-Key}, with the JSON endpoint's semantics: the same
 * caller, key and bytes get the first answer and nothing is stored or published again; the same
 * key with other bytes is a 422, and a 409 while the first upload with the key is still running. A
 * file is stored in chunks (one transaction each), so the key is held for the whole upload
 * ({@link IdempotencyKeys.Hold}) and its answer recorded after the last chunk; the body is spooled
 * to a temporary file while its hash is computed, never held in memory.
 */
@ApplicationScoped
public class IdempotentFileUploads {

    private final FileUploadService uploads;
    private final IdempotencyKeys keys;

    public IdempotentFileUploads(FileUploadService uploads, IdempotencyKeys keys) {
        this.uploads = uploads;
        this.keys = keys;
    }

    public FileUploadResult upload(String key, InputStream body, String contentType, FileUploadService.Mode mode,
            String source, Caller caller) {
        IdempotencyKeys.check(key);
        Path spool = null;
        try {
            spool = Files.createTempFile("planwatch-upload-", ".part");
            DigestInputStream digesting = new DigestInputStream(uploads.limited(body), IdempotencyKeys.digest());
            try (OutputStream out = Files.newOutputStream(spool)) {
                digesting.transferTo(out);
            }
            String hash = IdempotencyKeys.sha256("file " + mode + " " + IdempotencyKeys.hex(digesting.getMessageDigest().digest()));
            try (IdempotencyKeys.Hold hold = keys.hold(caller.id(), key)) {
                Optional<IdempotencyKeys.Earlier> earlier = keys.findAnswered(caller.id(), key);
                if (earlier.isPresent()) {
                    return keys.answer(key, earlier.get(), hash, FileUploadResult.class);
                }
                FileUploadResult result;
                try (InputStream spooled = Files.newInputStream(spool)) {
                    result = uploads.upload(spooled, contentType, mode, source, caller);
                }
                keys.complete(caller.id(), key, hash, result);
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    spool.toFile().deleteOnExit();
                }
            }
        }
    }
}
