package org.planwatch.console.auth;

import java.util.List;
import java.util.Set;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;

/** One entry of the users file. */
public record ConsoleUser(String upn, String name, String passwordHash, List<String> groups, List<String> regions,
        String department) {

    public Subject subject() {
        return new Subject(upn, Set.copyOf(groups == null ? List.of() : groups), regions == null ? List.of() : regions,
                department, name);
    }
}
