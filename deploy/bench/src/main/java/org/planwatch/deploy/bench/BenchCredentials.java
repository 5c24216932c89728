package org.planwatch.deploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.planwatch.deploy.credentials.SigningKeys;
import org.planwatch.deploy.credentials.TokenIssuer;

/**
 * The benchmark's own signing keys and administrator token: the services it starts verify with
 * the public key, and the benchmark client's rate limit is lifted (it is every bureau at once).
 */
final class BenchCredentials {

    static final String CLIENT = "bench-admin";

    private final Path publicKey;
    private final String token;

    private BenchCredentials(Path publicKey, String token) {
        this.publicKey = publicKey;
        this.token = token;
    }

    static BenchCredentials generate(Path directory) {
        SigningKeys keys = SigningKeys.generate().writeTo(directory);
        String token = new TokenIssuer(keys).mint(TokenIssuer.Subject.admin(CLIENT), Duration.ofHours(12));
        return new BenchCredentials(directory.resolve(SigningKeys.PUBLIC_KEY_FILE), token);
    }

    String authorization() {
        return "Bearer " + token;
    }

    /** System properties every service gets. */
    List<String> serviceSettings() {
        return List.of("-Dmp.jwt.verify.publickey.location=" + publicKey,
                "-Dplanwatch.limits.clients." + CLIENT + ".requests-per-minute=1000000",
                "-Dplanwatch.limits.clients." + CLIENT + ".burst=100000");
    }
}
