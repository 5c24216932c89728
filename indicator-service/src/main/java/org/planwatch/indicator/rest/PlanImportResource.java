package org.planwatch.indicator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.planwatch.indicator.importer.Baseline;
import org.planwatch.indicator.importer.Candidate;
import org.planwatch.indicator.importer.ImportResult;
import org.planwatch.indicator.importer.PlanTextImporter;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;
import org.planwatch.platform.security.Roles;

/**
 * Reads a policy text and proposes the targets it sets, for an analyst to confirm before they
 * enter the catalog. Nothing is stored.
 */
@Path("/api/v1/plans/import")
@Produces(MediaType.APPLICATION_JSON)
public class PlanImportResource {

    /** The longest plan we expect is a few hundred kilobytes; 2 MB leaves room and bounds the work. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final PlanTextImporter importer = PlanTextImporter.withCatalogRegions();

    /** The candidates, their number, and the past figures the text states (likely baselines). */
    public record ImportView(List<Candidate> candidates, int count, List<Baseline> baselines) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Propose the quantitative targets of a Chinese policy text (UTF-8 plain text, at most 2 MB): "
            + "value, unit, comparator, deadline, regions, departments, trajectory and the exact quote with its offset. "
            + "Nothing is stored; an empty or oversized body is a 400 problem+json.")
    @RequestBody(content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "Binzhou",
            value = "到2025年,邹平市、滨城区地区生产总值达到800亿元以上,博兴县地区生产总值达到500亿元以上。")))
    @APIResponse(responseCode = "200", description = "The candidate targets, in the order the text states them")
    @APIResponse(responseCode = "400", description = "The body is empty, larger than 2 MB or not in its declared charset")
    public ImportView importText(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("The body is empty; post the text of a policy document",
                    List.of(Violation.ofField("body", "must not be empty")));
        }
        if (body.length > MAX_BYTES) {
            throw ProblemException.invalid("The body has " + body.length + " bytes; a text may have at most "
                    + MAX_BYTES + " bytes (2 MB)", List.of(Violation.ofField("body", "must be at most 2 MB")));
        }
        String text = decode(body, charsetOf(contentType));
        if (text.isBlank()) {
            throw ProblemException.invalid("The body holds only white space; post the text of a policy document",
                    List.of(Violation.ofField("body", "must not be blank")));
        }
        ImportResult result = importer.read(text);
        return new ImportView(result.candidates(), result.candidates().size(), result.baselines());
    }

    private static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String charset = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ProblemException.invalid("The charset '" + charset + "' is not supported; send UTF-8",
                    List.of(Violation.ofField("Content-Type", "unsupported charset " + charset)));
        }
    }

    /** Decodes strictly: a GBK file sent as UTF-8 is an error to report, not text to guess at. */
    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("The body is not valid " + charset.name() + " text",
                    List.of(Violation.ofField("body", "is not valid " + charset.name())));
        }
    }
}
