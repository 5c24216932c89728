package org.planwatch.deploy.credentials;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Mints planwatch bearer tokens (RS256, issuer {@value #ISSUER}) with the claims the services
 * read: {@code upn}, {@code groups}, {@code regions}, {@code department} and {@code name}.
 */
public final class TokenIssuer {

    public static final String ISSUER = "planwatch";

    /** Who a token speaks for. {@code regions} and {@code department} may be empty / null. */
    public record Subject(String upn, Set<String> groups, List<String> regions, String department, String name) {

        public static Subject bureau(String region, String name) {
            return new Subject("bureau-" + region, Set.of("bureau"), List.of(region), null, name);
        }

        public static Subject office(String id, String name, String... regions) {
            return new Subject(id, Set.of("office"), List.of(regions), null, name);
        }

        public static Subject department(String id, String department) {
            return new Subject(id, Set.of("department"), List.of(), department, department);
        }

        public static Subject admin(String id) {
            return new Subject(id, Set.of("admin"), List.of(), null, "planwatch administrator");
        }
    }

    private final SigningKeys keys;

    public TokenIssuer(SigningKeys keys) {
        this.keys = keys;
    }

    public SigningKeys keys() {
        return keys;
    }

    /** A token valid from {@code issuedAt} for {@code lifetime}. */
    public String mint(Subject subject, Instant issuedAt, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .upn(subject.upn())
                .subject(subject.upn())
                .groups(subject.groups())
                .claim("regions", subject.regions())
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(lifetime).getEpochSecond());
        if (subject.department() != null) {
            claims.claim("department", subject.department());
        }
        if (subject.name() != null) {
            claims.claim("name", subject.name());
        }
        return claims.jws().keyId("planwatch").sign(keys.privateKey());
    }

    /** A token valid for {@code lifetime} from now. */
    public String mint(Subject subject, Duration lifetime) {
        return mint(subject, Instant.now(), lifetime);
    }
}
