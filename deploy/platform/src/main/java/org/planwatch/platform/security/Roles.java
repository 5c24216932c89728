package org.planwatch.platform.security;

/**
 * The roles a planwatch token's {@code groups} claim may hold. A bureau posts figures for its
 * regions, an office and a department read, an administrator may do everything.
 */
public final class Roles {

    public static final String BUREAU = "bureau";
    public static final String OFFICE = "office";
    public static final String DEPARTMENT = "department";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
