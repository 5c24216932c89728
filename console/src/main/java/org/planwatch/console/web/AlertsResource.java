package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.planwatch.console.auth.SessionUser;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;

/**
 * The alerts inbox of offices and departments: the open alerts of their regions (an office) or
 * departments (lead or cooperating), most severe and newest first, filters, acknowledgement with a
 * comment, and each alert's history.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertsResource {

    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    private final Template alerts;
    private final Template alert;
    private final Services services;
    private final SignedIn signedIn;
    private final Regions regions;
    private final Json json;

    public AlertsResource(Template alerts, Template alert, Services services, SignedIn signedIn, Regions regions, Json json) {
        this.alerts = alerts;
        this.alert = alert;
        this.services = services;
        this.signedIn = signedIn;
        this.regions = regions;
        this.json = json;
    }

    @GET
    public TemplateInstance inbox(@QueryParam("kind") String kind, @QueryParam("severity") String severity,
            @QueryParam("plan") String plan, @QueryParam("region") String region, @QueryParam("status") String status) {
        SessionUser user = reader();
        String shown = status == null || status.isBlank() ? "open" : status;
        String query = "?" + (kind == null || kind.isBlank() ? "" : "kind=" + URLEncoder.encode(kind, StandardCharsets.UTF_8))
                + ("open".equals(shown) ? "" : "&status=" + URLEncoder.encode(shown, StandardCharsets.UTF_8));
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode a : services.get(Service.ALERT, "/api/v1/alerts" + query, user.token())) {
            if (visible(user, a) && (!"open".equals(shown) || !"RESOLVED".equals(a.path("status").asText()))) {
                mine.add(a);
            }
        }
        TreeSet<String> plans = new TreeSet<>();
        TreeSet<String> regionCodes = new TreeSet<>();
        mine.forEach(a -> {
            plans.add(a.path("target").path("plan").path("id").asText());
            regionCodes.add(a.path("target").path("region").path("code").asText());
        });
        List<JsonNode> filtered = mine.stream()
                .filter(a -> blank(severity) || severity.equals(a.path("severity").asText()))
                .filter(a -> blank(plan) || plan.equals(a.path("target").path("plan").path("id").asText()))
                .filter(a -> blank(region) || regions.covers(List.of(region), a.path("target").path("region").path("code").asText()))
                .sorted(Comparator.<JsonNode>comparingInt(a -> rank(a.path("severity").asText()))
                        .thenComparing(a -> a.path("lastSeen").asText(), Comparator.reverseOrder()))
                .toList();
        Map<String, String> regionNames = new LinkedHashMap<>();
        regionCodes.forEach(code -> regionNames.put(code, regions.name(code)));
        return alerts.data("alerts", filtered.stream().map(json::map).toList())
                .data("kind", kind == null ? "" : kind).data("severity", severity == null ? "" : severity)
                .data("plan", plan == null ? "" : plan).data("region", region == null ? "" : region).data("status", shown)
                .data("plans", plans).data("kinds", List.of("LAG", "OVERDUE_TARGET", "OVERDUE_REPORT", "BREACH"))
                .data("severities", SEVERITIES).data("regions", regionNames);
    }

    @GET
    @Path("{id}")
    public TemplateInstance one(@PathParam("id") long id) {
        SessionUser user = reader();
        JsonNode a = services.get(Service.ALERT, "/api/v1/alerts/" + id, user.token());
        if (!visible(user, a)) {
            throw ConsoleException.forbidden(user.upn() + " 看不到这条预警 does not see alert " + id
                    + " (another region or department)");
        }
        JsonNode history = services.get(Service.ALERT, "/api/v1/alerts/" + id + "/history", user.token());
        JsonNode deliveries = services.get(Service.ALERT, "/api/v1/alerts/" + id + "/deliveries", user.token());
        return alert.data("alert", json.map(a)).data("history", json.list(history)).data("deliveries", json.list(deliveries));
    }

    @POST
    @Path("{id}/ack")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") long id, @FormParam("comment") String comment) {
        SessionUser user = reader();
        JsonNode a = services.get(Service.ALERT, "/api/v1/alerts/" + id, user.token());
        if (!visible(user, a)) {
            throw ConsoleException.forbidden(user.upn() + " may not acknowledge alert " + id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", user.actor());
        body.put("comment", comment == null || comment.isBlank() ? null : comment.strip());
        services.postJson(Service.ALERT, "/api/v1/alerts/" + id + "/ack", user.token(), body);
        return Response.seeOther(URI.create("/alerts/" + id)).build();
    }

    private SessionUser reader() {
        return reader(signedIn);
    }

    /** The signed-in user if they read alerts (an office, a department, an administrator); the digest page asks the same. */
    static SessionUser reader(SignedIn signedIn) {
        SessionUser user = signedIn.require();
        if (!user.readsAlerts()) {
            throw ConsoleException.forbidden("预警只对督查室和牵头部门开放 The alerts inbox is for supervision offices and "
                    + "departments; " + user.upn() + " is neither");
        }
        return user;
    }

    /** An office sees its regions' alerts, a department those naming it, an administrator all. */
    private boolean visible(SessionUser user, JsonNode a) {
        if (user.groups().contains("admin")) {
            return true;
        }
        if (user.groups().contains("office") && regions.covers(user.regions(), a.path("target").path("region").path("code").asText())) {
            return true;
        }
        if (user.department().isPresent()) {
            String department = user.department().get();
            for (String field : List.of("leadDepartments", "cooperatingDepartments")) {
                for (JsonNode d : a.path(field)) {
                    if (department.equals(d.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int rank(String severity) {
        int at = SEVERITIES.indexOf(severity);
        return at < 0 ? SEVERITIES.size() : at;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
