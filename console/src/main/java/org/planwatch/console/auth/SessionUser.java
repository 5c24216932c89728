package org.planwatch.console.auth;

import java.util.List;
import java.util.Optional;

/** Who is signed in, as their token says, and the token itself (sent on to the services). */
public record SessionUser(String upn, String name, List<String> groups, List<String> regions, Optional<String> department,
        String token) {

    public boolean is(String group) {
        return groups.contains(group) || groups.contains("admin");
    }

    public boolean bureau() {
        return is("bureau");
    }

    /** Offices, departments and administrators read the alerts inbox. */
    public boolean readsAlerts() {
        return is("office") || is("department");
    }

    public String displayName() {
        return name == null || name.isBlank() ? upn : name;
    }

    /** What an acknowledgement names as its author: "威海市政府督查室 (office-371000)". */
    public String actor() {
        String actor = displayName().equals(upn) ? upn : displayName() + " (" + upn + ")";
        return actor.length() > 100 ? actor.substring(0, 100) : actor;
    }
}
