package org.planwatch.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.planwatch.ingest.domain.Observation;
import org.planwatch.ingest.service.IdempotentUploads;
import org.planwatch.ingest.service.ObservationService;
import org.planwatch.ingest.service.UploadResult;
import org.planwatch.ingest.upload.FileUploadResult;
import org.planwatch.ingest.upload.FileUploadService;
import org.planwatch.ingest.upload.IdempotentFileUploads;
import org.planwatch.platform.limits.RateLimited;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.security.Caller;
import org.planwatch.platform.security.Roles;

/**
 * Where bureaus post their figures (role {@code bureau}, for their regions and the regions under
 * them, or {@code admin}); any signed-in role reads them. Callers are rate-limited.
 */
@Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class ObservationResource {

    private final IdempotentUploads idempotent;
    private final IdempotentFileUploads idempotentFiles;
    private final ObservationService observations;
    private final FileUploadService uploads;
    private final Caller caller;

    public ObservationResource(ObservationService observations, FileUploadService uploads, IdempotentUploads idempotent,
            IdempotentFileUploads idempotentFiles, Caller caller) {
        this.idempotent = idempotent;
        this.idempotentFiles = idempotentFiles;
        this.observations = observations;
        this.uploads = uploads;
        this.caller = caller;
    }

    /** {@code postedBy}: the {@code upn} of the token that posted the revision (null before tokens were required). */
    public record ObservationView(String observationId, String indicator, String region, String period, BigDecimal value,
            String unit, String basis, int revision, String source, OffsetDateTime receivedAt, String postedBy) {

        static ObservationView of(Observation o) {
            return new ObservationView(o.observationId, o.indicatorCode, o.regionCode, o.period, o.value, o.unit, o.basis,
                    o.revision, o.source, o.receivedAt, o.postedBy);
        }
    }

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post figures: a JSON array of observations. Valid ones are stored and published; the answer "
            + "lists each accepted and each rejected item with its field and reason. A request with nothing valid is a "
            + "400 problem+json and stores nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "Weihai",
            value = "[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2023\",\"value\":1400,\"unit\":\"家\",\"basis\":\"level\"}]")))
    public UploadResult post(JsonNode body,
            @Parameter(description = "makes a retried upload return the first answer and publish nothing twice")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return idempotencyKey == null ? observations.upload(body, "api", caller)
                : idempotent.upload(idempotencyKey, body, "api", caller);
    }

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.ADMIN})
    @Path("upload")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a bureau file: text/csv (UTF-8 with or without BOM, or GBK/GB18030, detected or declared "
            + "with charset=), application/vnd.sdmx.data+csv, or an .xlsx (first sheet). Row 1 is the header. Valid rows "
            + "are stored in chunks and published; mode=all-or-nothing stores nothing if any row is rejected.")
    public FileUploadResult upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @QueryParam("mode") String mode,
            @Parameter(description = "makes a retried upload of the same file return the first answer and publish nothing twice")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FileUploadService.Mode uploadMode = FileUploadService.Mode.of(mode);
        if (contentLength != null && contentLength > uploads.maxBytes()) {
            throw new ProblemException(413, "upload-limit-exceeded", "The upload exceeds a limit", "the upload is "
                    + contentLength + " bytes, more than " + uploads.maxBytes() + " (planwatch.upload.max-bytes); split the file",
                    List.of());
        }
        return idempotencyKey == null ? uploads.upload(body, contentType, uploadMode, "file upload", caller)
                : idempotentFiles.upload(idempotencyKey, body, contentType, uploadMode, "file upload", caller);
    }

    @GET
    @Authenticated
    @Operation(summary = "The latest revision of each figure, filtered by indicator, region and period range; with "
            + "asOf, the revisions known at that moment (ISO date-time, or a date meaning its end in China Standard Time)")
    public List<ObservationView> list(@QueryParam("indicator") String indicator, @QueryParam("region") String region,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("asOf") String asOf) {
        return observations.latest(indicator, region, from, to, asOf).stream().map(ObservationView::of).toList();
    }
}
