package org.planwatch.deploy.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.planwatch.deploy.credentials.SigningKeys;
import org.planwatch.deploy.credentials.TokenIssuer;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;

/**
 * The signing keys of one test run (generated once per JVM, shared through a system property so
 * the Quarkus test resource and the tests, loaded by different class loaders, see the same pair)
 * and the tokens tests send: valid ones per role, expired ones, and ones signed with another key.
 */
public final class TestCredentials {

    private static final String DIRECTORY_PROPERTY = "planwatch.test.credentials.dir";

    private TestCredentials() {
    }

    /** The directory holding this run's {@code public-key.pem} and {@code private-key.pem}. */
    public static synchronized Path directory() {
        String existing = System.getProperty(DIRECTORY_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path directory = Files.createTempDirectory("planwatch-test-keys");
            SigningKeys.generate().writeTo(directory);
            System.setProperty(DIRECTORY_PROPERTY, directory.toString());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test signing keys", e);
        }
    }

    /** What to pass as {@code mp.jwt.verify.publickey.location}. */
    public static String publicKeyLocation() {
        return directory().resolve(SigningKeys.PUBLIC_KEY_FILE).toAbsolutePath().toString();
    }

    private static TokenIssuer issuer() {
        return new TokenIssuer(SigningKeys.readFrom(directory()));
    }

    public static String token(Subject subject) {
        return issuer().mint(subject, Duration.ofHours(1));
    }

    /** A bureau ({@code bureau-<region>}) posting for {@code region} and the regions under it. */
    public static String bureau(String region) {
        return token(Subject.bureau(region, "统计局 " + region));
    }

    public static String office(String... regions) {
        return token(new Subject("office-" + String.join("-", regions), Set.of("office"), List.of(regions), null, "督查室"));
    }

    public static String department(String department) {
        return token(Subject.department("department-test", department));
    }

    public static String admin() {
        return token(Subject.admin("admin-test"));
    }

    /** A bureau token that expired an hour ago. */
    public static String expired(String region) {
        return issuer().mint(Subject.bureau(region, "统计局 " + region), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    /** A bureau token signed with a key the services do not know. */
    public static String signedByAnotherKey(String region) {
        return new TokenIssuer(SigningKeys.generate()).mint(Subject.bureau(region, "统计局 " + region), Duration.ofHours(1));
    }

    /** A valid bureau token whose payload was changed after signing (the signature no longer matches). */
    public static String tampered(String region) {
        String[] parts = bureau(region).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"" + region + "\"", "\"370000\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
