package org.planwatch.console.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.planwatch.console.config.ConsoleConfig;
import org.planwatch.deploy.credentials.SigningKeys;
import org.planwatch.deploy.credentials.TokenIssuer;

/**
 * Mints a signed-in user's bearer token (deploy/credentials' {@link TokenIssuer}, the key at
 * {@code planwatch.console.private-key}) and reads it back from the session cookie, checking its
 * signature, issuer and expiry.
 */
@ApplicationScoped
public class SessionTokens {

    private final ConsoleConfig config;
    private volatile TokenIssuer issuer;
    private volatile JwtConsumer consumer;

    public SessionTokens(ConsoleConfig config) {
        this.config = config;
    }

    public String mint(ConsoleUser user) {
        return issuer().mint(user.subject(), config.session());
    }

    public Optional<SessionUser> read(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        issuer();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String upn = claims.getStringClaimValue("upn");
            if (upn == null) {
                return Optional.empty();
            }
            return Optional.of(new SessionUser(upn, claims.getStringClaimValue("name"), list(claims, "groups"),
                    list(claims, "regions"), Optional.ofNullable(claims.getStringClaimValue("department")), token));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private static List<String> list(JwtClaims claims, String name) throws MalformedClaimException {
        return claims.hasClaim(name) ? claims.getStringListClaimValue(name) : List.of();
    }

    private TokenIssuer issuer() {
        if (issuer == null) {
            synchronized (this) {
                if (issuer == null) {
                    SigningKeys keys = SigningKeys.fromPrivateKey(config.privateKey());
                    consumer = new JwtConsumerBuilder()
                            .setRequireExpirationTime()
                            .setAllowedClockSkewInSeconds(30)
                            .setExpectedIssuer(TokenIssuer.ISSUER)
                            .setVerificationKey(keys.publicKey())
                            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                            .build();
                    issuer = new TokenIssuer(keys);
                }
            }
        }
        return issuer;
    }
}
