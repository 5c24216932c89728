package org.planwatch.ingest.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.planwatch.ingest.upload.UploadErrorLog;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;
import org.planwatch.platform.security.Caller;
import org.planwatch.platform.security.Roles;

/**
 * The rejected rows of each file upload (see {@link ObservationResource#upload}) as CSV, for the
 * caller who uploaded it, a supervision office or an administrator.
 */
@Path("/api/v1/uploads")
@Authenticated
public class FileUploadResource {

    private final UploadErrorLog errorLog;
    private final Caller caller;

    public FileUploadResource(UploadErrorLog errorLog, Caller caller) {
        this.errorLog = errorLog;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/errors.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "The rejected rows of a file upload as CSV (row, column, message), UTF-8 with a byte-order mark "
            + "so Excel shows the Chinese text")
    public Response errors(@PathParam("id") String id) {
        UUID uploadId;
        try {
            uploadId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("the upload id is not a UUID", List.of(Violation.ofField("id", e.getMessage())));
        }
        UploadErrorLog.UploadErrors upload = errorLog.errors(uploadId).orElseThrow(() -> ProblemException.notFound("upload", id));
        if (!caller.id().equals(upload.uploadedBy()) && !caller.hasRole(Roles.OFFICE) && !caller.hasRole(Roles.ADMIN)) {
            throw new ProblemException(403, "forbidden", "Forbidden", caller.id() + " may read the errors of its own uploads "
                    + "only (offices and administrators read every upload's); upload " + id + " was made by another caller",
                    List.of());
        }
        List<Violation> errors = upload.errors();
        StringBuilder csv = new StringBuilder("\uFEFFrow,column,message\r\n");
        for (Violation error : errors) {
            csv.append(error.row() == null ? "" : error.row()).append(',').append(quote(error.column())).append(',')
                    .append(quote(error.message())).append("\r\n");
        }
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"upload-" + uploadId + "-errors.csv\"").build();
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        // Cells starting with = + - @ would be run as formulas by Excel; a leading quote keeps them text.
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
