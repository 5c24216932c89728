package org.planwatch.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.planwatch.console.config.ConsoleConfig;

/**
 * The services' public REST APIs, called with the signed-in user's bearer token. A JDK HTTP
 * client: an upload is streamed through as it arrives, and an error answer keeps its
 * problem+json body for the error page.
 */
@ApplicationScoped
public class Services {

    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Services(ConsoleConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public JsonNode get(Service service, String path, String token) {
        return json(service, send(service, request(service, path, token).GET().build(), true));
    }

    /** The answer of a GET, or empty when the service answers 404 (an endpoint not deployed yet, say). */
    public Optional<JsonNode> getIfPresent(Service service, String path, String token) {
        HttpResponse<InputStream> response = send(service, request(service, path, token).GET().build(), false);
        if (response.statusCode() == 404) {
            close(response);
            return Optional.empty();
        }
        return Optional.of(json(service, response));
    }

    public JsonNode postJson(Service service, String path, String token, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            return json(service, send(service, request(service, path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), true));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    /** Streams {@code body} to the service (a file upload) as {@code contentType}. */
    public JsonNode postStream(Service service, String path, String token, String contentType, InputStream body) {
        return json(service, send(service, request(service, path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), true));
    }

    /** A file the service makes (a CSV), passed through with its type and name. */
    public record Download(String contentType, String disposition, byte[] body) {
    }

    public Download download(Service service, String path, String token) {
        HttpResponse<InputStream> response = send(service, request(service, path, token).GET().build(), true);
        try (InputStream in = response.body()) {
            return new Download(response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.headers().firstValue("Content-Disposition").orElse(null), in.readAllBytes());
        } catch (IOException e) {
            throw new UpstreamException(service, 502, service.label + " broke off its answer: " + e.getMessage(), null);
        }
    }

    private HttpRequest.Builder request(Service service, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base(service) + path)).timeout(config.requestTimeout())
                .header("Accept", "application/json, application/problem+json, */*");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private String base(Service service) {
        String base = switch (service) {
            case INGEST -> config.ingestUrl();
            case INDICATOR -> config.indicatorUrl();
            case ALERT -> config.alertUrl();
        };
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private HttpResponse<InputStream> send(Service service, HttpRequest request, boolean failOnError) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpstreamException(service, 502, service.label + " does not answer at " + base(service) + " ("
                    + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(service, 503, "the request to " + service.label + " was interrupted", null);
        }
        if (response.statusCode() >= 400 && (failOnError || response.statusCode() != 404)) {
            throw failure(service, response);
        }
        return response;
    }

    private UpstreamException failure(Service service, HttpResponse<InputStream> response) {
        JsonNode problem = null;
        String detail;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(1 << 20);
            try {
                problem = json.readTree(bytes);
            } catch (IOException e) {
                problem = null;
            }
            detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText()
                    : problem != null && problem.hasNonNull("title") ? problem.get("title").asText()
                    : service.label + " answered " + response.statusCode();
        } catch (IOException e) {
            detail = service.label + " answered " + response.statusCode();
        }
        return new UpstreamException(service, response.statusCode(), detail, problem);
    }

    private JsonNode json(Service service, HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UpstreamException(service, 502, service.label + " answered something that is not JSON", null);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing more to read from it
        }
    }
}
