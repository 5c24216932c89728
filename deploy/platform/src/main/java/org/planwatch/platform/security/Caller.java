package org.planwatch.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent the current request, as its verified bearer token says: the user id ({@code upn}),
 * roles ({@code groups}), the regions it covers ({@code regions}), its department and name.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean authenticated() {
        return !identity.isAnonymous();
    }

    /** The token's {@code upn}, e.g. {@code bureau-371002}; {@code anonymous} without a token. */
    public String id() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** GB/T 2260 codes of the {@code regions} claim (a bureau posts for these and the regions under them). */
    public Set<String> regions() {
        return strings(claim("regions"));
    }

    public Optional<String> department() {
        return strings(claim("department")).stream().findFirst();
    }

    public Optional<String> name() {
        return strings(claim("name")).stream().findFirst();
    }

    private Object claim(String name) {
        return identity.isAnonymous() ? null : token.getClaim(name);
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                values.add(value instanceof JsonString text ? text.getString() : value.toString());
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(value instanceof JsonString text ? text.getString() : String.valueOf(value)));
        } else if (claim instanceof JsonString text) {
            values.add(text.getString());
        } else if (claim != null) {
            values.add(claim.toString());
        }
        return values;
    }
}
