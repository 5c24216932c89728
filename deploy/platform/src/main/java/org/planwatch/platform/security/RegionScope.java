package org.planwatch.platform.security;

import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which regions a caller may post for: the regions of its token and every region under them,
 * walking up the GB/T 2260 tree ({@code parentOf} gives a region's parent, null at the top).
 */
public final class RegionScope {

    /** The region tree is a few levels deep (province, city, county); more steps mean a cycle in the data. */
    private static final int MAX_DEPTH = 8;

    private RegionScope() {
    }

    public static boolean covers(Collection<String> regions, String region, UnaryOperator<String> parentOf) {
        String at = region;
        for (int depth = 0; at != null && depth < MAX_DEPTH; depth++) {
            if (regions.contains(at)) {
                return true;
            }
            at = parentOf.apply(at);
        }
        return false;
    }

    /**
     * Why {@code caller} may not post {@code where} (e.g. "row 7") for {@code region}, or empty when
     * it may: "bureau-371002 may post only for 371002 and the regions under it; row 7 is for 371000".
     */
    public static Optional<String> denial(Caller caller, String region, String where, UnaryOperator<String> parentOf) {
        if (caller.hasRole(Roles.ADMIN) || (caller.hasRole(Roles.BUREAU) && covers(caller.regions(), region, parentOf))) {
            return Optional.empty();
        }
        if (!caller.hasRole(Roles.BUREAU)) {
            return Optional.of(caller.id() + " may not post figures (it needs the role bureau or admin)");
        }
        String scope = caller.regions().isEmpty() ? "no region (its token has no regions claim)"
                : String.join(", ", caller.regions()) + " and the regions under " + (caller.regions().size() == 1 ? "it" : "them");
        return Optional.of(caller.id() + " may post only for " + scope + "; " + where + " is for " + region);
    }
}
