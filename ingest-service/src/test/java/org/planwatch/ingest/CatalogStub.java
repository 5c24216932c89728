package org.planwatch.ingest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves indicator-service's catalog endpoints (indicators, regions, and for the reporting calendar
 * targets and plans) with a fixed answer, so ingest-service is tested on its own; the end-to-end
 * tests run it against the real indicator-service.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    static final String INDICATORS = """
            [{"code":"high_tech_enterprises","nameZh":"高新技术企业数量","nameEn":"High-tech enterprises","unit":"家",
              "direction":"higher","frequency":"annual","basis":"level"},
             {"code":"gdp","nameZh":"地区生产总值","nameEn":"Gross regional product","unit":"亿元",
              "direction":"higher","frequency":"quarterly","basis":"ytd"}]""";
    static final String REGIONS = """
            [{"code":"370000","nameZh":"山东省","nameEn":"Shandong"},
             {"code":"371000","nameZh":"威海市","nameEn":"Weihai","parent":"370000"},
             {"code":"371002","nameZh":"环翠区","nameEn":"Huancui","parent":"371000"},
             {"code":"371600","nameZh":"滨州市","nameEn":"Binzhou","parent":"370000"},
             {"code":"371681","nameZh":"邹平市","nameEn":"Zouping","parent":"371600"},
             {"code":"371099","nameZh":"(rate-limit test region)","nameEn":"Rate-limit test","parent":"371000"}]""";

    /** The reporting calendar's monthly indicators, served after {@link #INDICATORS}. */
    static final String CALENDAR_INDICATORS = """
            [{"code":"port_cargo_throughput","nameZh":"港口货物吞吐量","nameEn":"Port cargo throughput","unit":"万吨",
              "direction":"higher","frequency":"monthly","basis":"ytd"},
             {"code":"xinyidai_registered_enterprises","nameZh":"“信易贷”注册并实名认证企业数","nameEn":"Xinyidai enterprises",
              "unit":"万家","direction":"higher","frequency":"monthly","basis":"level"}]""";
    /** The reporting calendar's regions (no other test posts figures there), served after {@link #REGIONS}. */
    static final String CALENDAR_REGIONS = """
            [{"code":"371621","nameZh":"惠民县","nameEn":"Huimin","parent":"371600"},
             {"code":"371622","nameZh":"阳信县","nameEn":"Yangxin","parent":"371600"}]""";
    /**
     * Targets of the reporting-calendar tests: an annual one after a 2022 baseline, two overlapping
     * quarterly GDP targets (one with no baseline, so its plan's issue date starts it), a 1–2月 monthly
     * one, a plain monthly one starting in 2025, and one for the publication test.
     */
    static final String TARGETS = """
            [{"id":"cal.annual","plan":{"id":"cal-plan"},"indicator":{"code":"high_tech_enterprises","nameZh":"高新技术企业数量","frequency":"annual"},
              "region":{"code":"371621","nameZh":"惠民县"},"baseline":{"value":100,"period":"2022"},"deadline":"2025","startPeriod":null},
             {"id":"cal.gdp","plan":{"id":"cal-plan"},"indicator":{"code":"gdp","nameZh":"地区生产总值","frequency":"quarterly"},
              "region":{"code":"371621","nameZh":"惠民县"},"baseline":null,"deadline":"2025"},
             {"id":"cal.gdp-2","plan":{"id":"cal-plan"},"indicator":{"code":"gdp","nameZh":"地区生产总值","frequency":"quarterly"},
              "region":{"code":"371621","nameZh":"惠民县"},"baseline":{"value":3000,"period":"2023"},"deadline":"2024-Q4"},
             {"id":"cal.port","plan":{"id":"cal-plan"},"indicator":{"code":"port_cargo_throughput","nameZh":"港口货物吞吐量","frequency":"monthly"},
              "region":{"code":"371621","nameZh":"惠民县"},"baseline":{"value":1,"period":"2024"},"deadline":"2025"},
             {"id":"cal.xinyidai","plan":{"id":"cal-plan"},"indicator":{"code":"xinyidai_registered_enterprises","nameZh":"“信易贷”注册并实名认证企业数","frequency":"monthly"},
              "region":{"code":"371621","nameZh":"惠民县"},"baseline":null,"deadline":"2025","startPeriod":"2025"},
             {"id":"cal.publish","plan":{"id":"cal-plan"},"indicator":{"code":"xinyidai_registered_enterprises","nameZh":"“信易贷”注册并实名认证企业数","frequency":"monthly"},
              "region":{"code":"371622","nameZh":"阳信县"},"baseline":null,"deadline":"2025-06","startPeriod":"2025"}]""";
    static final String PLANS = """
            [{"id":"cal-plan","title":"测试规划","issuedOn":"2024-02-08"}]""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/indicators", exchange -> respond(exchange, joined(INDICATORS, CALENDAR_INDICATORS)));
        server.createContext("/api/v1/regions", exchange -> respond(exchange, joined(REGIONS, CALENDAR_REGIONS)));
        server.createContext("/api/v1/targets", exchange -> respond(exchange, TARGETS));
        server.createContext("/api/v1/plans", exchange -> respond(exchange, PLANS));
        server.start();
        return Map.of("quarkus.rest-client.indicator-catalog.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Two JSON arrays as one. */
    private static String joined(String first, String second) {
        return first.substring(0, first.lastIndexOf(']')) + "," + second.substring(second.indexOf('[') + 1);
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
