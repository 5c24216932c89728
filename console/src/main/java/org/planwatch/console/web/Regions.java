package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;

/** indicator-service's region tree (GB/T 2260 codes with their parents), read once. */
@ApplicationScoped
public class Regions {

    public record Region(String code, String nameZh, String parent) {
    }

    private final Services services;
    private volatile Map<String, Region> regions;

    public Regions(Services services) {
        this.services = services;
    }

    public String name(String code) {
        Region region = all().get(code);
        return region == null ? code : region.nameZh();
    }

    /** Whether {@code region} is one of {@code scope} or under one of them. */
    public boolean covers(Collection<String> scope, String region) {
        String at = region;
        for (int depth = 0; at != null && depth < 8; depth++) {
            if (scope.contains(at)) {
                return true;
            }
            Region r = all().get(at);
            at = r == null ? null : r.parent();
        }
        return false;
    }

    /** The regions of {@code scope} and every region under them, in catalog order. */
    public List<Region> within(Collection<String> scope) {
        List<Region> covered = new ArrayList<>();
        for (Region region : all().values()) {
            if (covers(scope, region.code())) {
                covered.add(region);
            }
        }
        return covered;
    }

    private Map<String, Region> all() {
        if (regions == null) {
            Map<String, Region> loaded = new LinkedHashMap<>();
            for (JsonNode r : services.get(Service.INDICATOR, "/api/v1/regions", null)) {
                loaded.put(r.path("code").asText(), new Region(r.path("code").asText(), r.path("nameZh").asText(),
                        r.hasNonNull("parent") ? r.get("parent").asText() : null));
            }
            regions = loaded;
        }
        return regions;
    }
}
