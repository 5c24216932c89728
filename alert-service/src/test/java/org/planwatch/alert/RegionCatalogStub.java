package org.planwatch.alert;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves indicator-service's {@code /api/v1/regions} on a free local port, so alert-service names the offices
 * escalations reach without indicator-service running; the end-to-end tests use the real one.
 */
public class RegionCatalogStub implements QuarkusTestResourceLifecycleManager {

    static final String REGIONS = """
            [{"code":"370000","nameZh":"山东省","nameEn":"Shandong"},
             {"code":"371000","nameZh":"威海市","nameEn":"Weihai","parent":"370000"},
             {"code":"371002","nameZh":"环翠区","nameEn":"Huancui District","parent":"371000"},
             {"code":"370900","nameZh":"泰安市","nameEn":"Tai'an","parent":"370000"},
             {"code":"370902","nameZh":"泰山区","nameEn":"Taishan District","parent":"370900"}]""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/regions", exchange -> {
            byte[] body = REGIONS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.indicator-catalog.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
