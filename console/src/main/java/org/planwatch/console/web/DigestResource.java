package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.planwatch.console.auth.SessionUser;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;

/**
 * The printable weekly digest (周报) of a subscription, as alert-service's GET /api/v1/digest gives it:
 * the alerts open at the end of the week and the week's changes. Offices and departments choose
 * among the subscriptions that name them, administrators among all.
 */
@Path("/digest")
@Produces(MediaType.TEXT_HTML)
public class DigestResource {

    private final Template digest;
    private final Services services;
    private final SignedIn signedIn;
    private final Regions regions;
    private final Json json;

    public DigestResource(Template digest, Services services, SignedIn signedIn, Regions regions, Json json) {
        this.digest = digest;
        this.services = services;
        this.signedIn = signedIn;
        this.regions = regions;
        this.json = json;
    }

    @GET
    public TemplateInstance page(@QueryParam("subscription") String subscription, @QueryParam("week") String week) {
        SessionUser user = AlertsResource.reader(signedIn);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode s : services.get(Service.ALERT, "/api/v1/subscriptions", user.token())) {
            if (names(user, s)) {
                mine.add(s);
            }
        }
        String chosen = subscription == null || subscription.isBlank()
                ? (mine.isEmpty() ? null : mine.get(0).path("id").asText()) : subscription.strip();
        TemplateInstance page = digest.data("subscriptions", mine.stream().map(s -> Map.of("id", s.path("id").asText(),
                "recipient", s.path("recipient").asText(), "recipientType", s.path("recipientType").asText())).toList()).data("chosen", chosen == null ? "" : chosen);
        if (chosen == null) {
            return page.data("digest", null).data("previousWeek", "").data("nextWeek", "");
        }
        if (mine.stream().noneMatch(s -> s.path("id").asText().equals(chosen))) {
            // An id that is not a number is alert-service's to reject (a 400 naming the field); a foreign one is ours.
            if (chosen.chars().allMatch(Character::isDigit)) {
                throw ConsoleException.forbidden(user.upn() + " 看不到这个订阅的周报 does not read the digest of subscription "
                        + chosen + " (it names another office or department)");
            }
        }
        JsonNode answer = services.get(Service.ALERT, "/api/v1/digest?subscription=" + URLEncoder.encode(chosen, StandardCharsets.UTF_8)
                + (week == null || week.isBlank() ? "" : "&week=" + URLEncoder.encode(week.strip(), StandardCharsets.UTF_8)),
                user.token());
        LocalDate monday = monday(answer.path("week").asText());
        return page.data("digest", json.map(answer))
                .data("previousWeek", monday == null ? "" : isoWeek(monday.minusWeeks(1)))
                .data("nextWeek", monday == null ? "" : isoWeek(monday.plusWeeks(1)));
    }

    /**
     * Whether a subscription is this user's: an administrator reads every one; an office those for
     * offices named after it or whose regions all lie in its own; a department those naming it as
     * recipient or in their department filter.
     */
    boolean names(SessionUser user, JsonNode subscription) {
        if (user.groups().contains("admin")) {
            return true;
        }
        String recipient = subscription.path("recipient").asText();
        if (user.groups().contains("office") && "OFFICE".equals(subscription.path("recipientType").asText())) {
            if (recipient.equals(user.displayName())) {
                return true;
            }
            JsonNode filter = subscription.path("filters").path("regions");
            boolean allMine = filter.isArray() && !filter.isEmpty();
            for (JsonNode region : filter) {
                allMine &= regions.covers(user.regions(), region.asText());
            }
            if (allMine) {
                return true;
            }
        }
        if (user.department().isPresent()) {
            String department = user.department().get();
            if (recipient.equals(department)) {
                return true;
            }
            for (JsonNode d : subscription.path("filters").path("departments")) {
                if (department.equals(d.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Monday of an ISO week such as 2026-W47 (the digest names its week so), or null. */
    static LocalDate monday(String week) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})-W(\\d{2})").matcher(week == null ? "" : week);
        if (!m.matches()) {
            return null;
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2))).with(java.time.DayOfWeek.MONDAY);
    }

    /** 2026-11-16 → 2026-W47. */
    static String isoWeek(LocalDate day) {
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
