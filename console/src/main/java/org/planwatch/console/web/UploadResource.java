package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.planwatch.console.auth.SessionUser;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;
import org.planwatch.console.upstream.UpstreamException;

/**
 * A bureau's upload page for one of its regions: a file (CSV, .xlsx, SDMX-CSV; sent by script
 * with a progress bar) or pasted rows, posted to ingest-service with the user's token; and the
 * region's reporting calendar when ingest-service has one.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UploadResource {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Template upload;
    private final Template uploadResult;
    private final Services services;
    private final SignedIn signedIn;
    private final Regions regions;
    private final Json json;

    public UploadResource(Template upload, Template uploadResult, Services services, SignedIn signedIn, Regions regions, Json json) {
        this.upload = upload;
        this.uploadResult = uploadResult;
        this.services = services;
        this.signedIn = signedIn;
        this.regions = regions;
        this.json = json;
    }

    @GET
    @Path("upload")
    public Response first() {
        SessionUser user = bureau();
        String region = user.regions().isEmpty() ? null : user.regions().get(0);
        if (region == null) {
            throw ConsoleException.forbidden(user.upn() + " 的令牌没有地区 has no region to post for");
        }
        return Response.seeOther(URI.create("/upload/" + region)).build();
    }

    @GET
    @Path("upload/{region}")
    public TemplateInstance page(@PathParam("region") String region) {
        return page(region, null);
    }

    @POST
    @Path("upload/{region}/file")
    @Consumes(MediaType.WILDCARD)
    public TemplateInstance file(@PathParam("region") String region, InputStream body,
            @HeaderParam("Content-Type") String contentType, @HeaderParam("X-File-Name") String fileName) {
        SessionUser user = scope(region);
        return uploadResult.data("result", post(user, contentType(contentType, fileName), body));
    }

    @POST
    @Path("upload/{region}/rows")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance rows(@PathParam("region") String region, @FormParam("rows") String rows) {
        SessionUser user = scope(region);
        if (rows == null || rows.isBlank()) {
            throw new ConsoleException(400, "没有粘贴任何行 Paste the rows first (a header row, then one row per figure)");
        }
        return page(region, post(user, "text/csv; charset=UTF-8", new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8))));
    }

    @GET
    @Path("uploads/{id}/errors.csv")
    @Produces("text/csv")
    public Response errors(@PathParam("id") String id) {
        Services.Download file = services.download(Service.INGEST,
                "/api/v1/uploads/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/errors.csv", signedIn.require().token());
        Response.ResponseBuilder response = Response.ok(file.body(), file.contentType());
        return (file.disposition() == null ? response : response.header("Content-Disposition", file.disposition())).build();
    }

    private TemplateInstance page(String region, Map<String, Object> result) {
        SessionUser user = scope(region);
        return upload.data("region", region).data("regionName", regions.name(region))
                .data("regions", regions.within(user.regions())).data("calendar", calendar(region, user).orElse(null))
                .data("result", result);
    }

    /** The answer of ingest-service, or its 400 (nothing acceptable) shown the same way: every rejected row named. */
    private Map<String, Object> post(SessionUser user, String contentType, InputStream body) {
        try {
            JsonNode answer = services.postStream(Service.INGEST, "/api/v1/observations/upload", user.token(), contentType, body);
            Map<String, Object> result = json.map(answer);
            result.put("errorsLink", errorsLink(answer.path("errorsCsv").asText(null)));
            result.put("detail", null);
            return result;
        } catch (UpstreamException e) {
            if (e.status != 400 || e.problem == null || !e.problem.path("violations").isArray()) {
                throw e;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            List<Map<String, Object>> rejected = json.list(e.problem.path("violations"));
            result.put("acceptedCount", 0);
            result.put("rejectedCount", rejected.size());
            result.put("rejected", rejected);
            result.put("format", null);
            result.put("detail", e.getMessage());
            String detail = e.getMessage() == null ? "" : e.getMessage();
            int at = detail.indexOf("/api/v1/uploads/");
            result.put("errorsLink", at < 0 ? null : errorsLink(detail.substring(at).split("[\\s,;)]")[0]));
            return result;
        }
    }

    private static String errorsLink(String apiPath) {
        return apiPath == null || !apiPath.startsWith("/api/v1/uploads/") ? null : apiPath.substring("/api/v1".length());
    }

    private Optional<Map<String, Object>> calendar(String region, SessionUser user) {
        try {
            return services.getIfPresent(Service.INGEST, "/api/v1/reporting/calendar?region=" + region, user.token()).map(json::map);
        } catch (UpstreamException e) {
            return Optional.empty();
        }
    }

    private static String contentType(String declared, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase();
        if (name.endsWith(".xlsx")) {
            return XLSX;
        }
        if (declared == null || declared.isBlank() || declared.startsWith("application/x-www-form-urlencoded")) {
            return "text/csv";
        }
        return declared;
    }

    private SessionUser bureau() {
        SessionUser user = signedIn.require();
        if (!user.bureau()) {
            throw ConsoleException.forbidden("上传页面只对统计局开放 Only a statistical bureau uploads figures; "
                    + user.upn() + " is not one");
        }
        return user;
    }

    /** A bureau sees the upload page of its own regions (and those under them) only. */
    private SessionUser scope(String region) {
        SessionUser user = bureau();
        if (!user.groups().contains("admin") && !regions.covers(user.regions(), region)) {
            throw ConsoleException.forbidden(user.upn() + " 只能上传本地区数据 may upload only for "
                    + String.join(", ", user.regions()) + " and the regions under it, not for " + region);
        }
        return user;
    }
}
