package org.planwatch.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.planwatch.console.auth.ConsoleUser;
import org.planwatch.console.auth.SessionFilter;
import org.planwatch.console.auth.SessionTokens;
import org.planwatch.console.auth.SessionUser;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.auth.UserDirectory;
import org.planwatch.console.config.ConsoleConfig;

/** Sign-in (users file → a signed token in an HttpOnly, SameSite=Strict cookie), sign-out, and the home page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final Template signIn;
    private final UserDirectory users;
    private final SessionTokens tokens;
    private final SignedIn signedIn;
    private final ConsoleConfig config;

    public SignInResource(Template signIn, UserDirectory users, SessionTokens tokens, SignedIn signedIn, ConsoleConfig config) {
        this.signIn = signIn;
        this.users = users;
        this.tokens = tokens;
        this.signedIn = signedIn;
        this.config = config;
    }

    @GET
    public Response home() {
        SessionUser user = signedIn.require();
        String home = user.bureau() ? "/upload" : user.readsAlerts() ? "/alerts" : "/plans";
        return Response.seeOther(URI.create(home)).build();
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@QueryParam("next") String next) {
        return signIn.data("next", safeNext(next)).data("upn", "").data("failed", false);
    }

    @POST
    @Path("sign-in")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("upn") String upn, @FormParam("password") String password, @FormParam("next") String next) {
        Optional<ConsoleUser> user = users.authenticate(upn, password);
        if (user.isEmpty()) {
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(signIn.data("next", safeNext(next)).data("upn", upn == null ? "" : upn).data("failed", true).render())
                    .build();
        }
        NewCookie cookie = new NewCookie.Builder(SessionFilter.COOKIE).value(tokens.mint(user.get())).path("/")
                .httpOnly(true).secure(config.secureCookie()).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) config.session().toSeconds()).build();
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        NewCookie cleared = new NewCookie.Builder(SessionFilter.COOKIE).value("").path("/").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.seeOther(URI.create("/sign-in")).cookie(cleared).build();
    }

    /** Only a path on this console (never another site: "//host" or "https://…"). */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
    }
}
