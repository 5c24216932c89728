package org.planwatch.console.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every page but sign-in needs a valid session cookie; without one a request is sent to
 * {@code /sign-in?next=…} (a page) or answered 401 (a script's request).
 */
public class SessionFilter {

    public static final String COOKIE = "planwatch_session";
    private static final Set<String> PUBLIC = Set.of("/sign-in", "/sign-out");

    private final SessionTokens tokens;
    private final SignedIn signedIn;

    public SessionFilter(SessionTokens tokens, SignedIn signedIn) {
        this.tokens = tokens;
        this.signedIn = signedIn;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        SessionUser user = cookie == null ? null : tokens.read(cookie.getValue()).orElse(null);
        if (user != null) {
            signedIn.set(user);
        }
        String path = request.getUriInfo().getPath();
        if (user != null || PUBLIC.contains(path)) {
            return null;
        }
        if ("XMLHttpRequest".equals(request.getHeaderString("X-Requested-With"))) {
            return Response.status(401).type("text/plain; charset=UTF-8")
                    .entity("请重新登录 Your session has ended: sign in again").build();
        }
        String next = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? "" : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        return Response.seeOther(URI.create("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).build();
    }
}
