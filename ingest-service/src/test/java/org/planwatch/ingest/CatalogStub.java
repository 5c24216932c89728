package org.planwatch.ingest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves indicator-service's two catalog endpoints with a fixed answer, so ingest-service's
 * validation is tested on its own; the end-to-end tests run it against the real indicator-service.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    static final String INDICATORS = """
            [{"code":"high_tech_enterprises","nameZh":"高新技术企业数量","nameEn":"High-tech enterprises","unit":"家",
              "direction":"higher","frequency":"annual","basis":"level"},
             {"code":"gdp","nameZh":"地区生产总值","nameEn":"Gross regional product","unit":"亿元",
              "direction":"higher","frequency":"quarterly","basis":"ytd"}]""";
    static final String REGIONS = """
            [{"code":"371000","nameZh":"威海市","nameEn":"Weihai"},{"code":"371681","nameZh":"邹平市","nameEn":"Zouping"}]""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/indicators", exchange -> respond(exchange, INDICATORS));
        server.createContext("/api/v1/regions", exchange -> respond(exchange, REGIONS));
        server.start();
        return Map.of("quarkus.rest-client.indicator-catalog.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
