package org.planwatch.console.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The user of the current request (set by {@link SessionFilter}); templates read it as {@code inject:session}. */
@RequestScoped
@Named("session")
public class SignedIn {

    private SessionUser user;

    public SessionUser getUser() {
        return user;
    }

    void set(SessionUser user) {
        this.user = user;
    }

    /** The signed-in user; the filter has sent everyone else to the sign-in page. */
    public SessionUser require() {
        if (user == null) {
            throw new IllegalStateException("no user is signed in");
        }
        return user;
    }
}
