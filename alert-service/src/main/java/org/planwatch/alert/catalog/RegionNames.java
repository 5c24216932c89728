package org.planwatch.alert.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Chinese names of regions by code, as indicator-service knows them, fetched when a name is first needed and again
 * when a code is missing (at most once a minute, so an unreachable indicator-service costs one timeout a minute, not
 * one per alert). A name that cannot be had is empty: callers name the region by its code instead.
 */
@ApplicationScoped
public class RegionNames {

    private static final Logger LOG = Logger.getLogger(RegionNames.class);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final RegionCatalogClient client;
    private final Clock clock;
    private volatile Map<String, String> names = Map.of();
    private volatile Instant lastFetch = Instant.MIN;

    public RegionNames(@RestClient RegionCatalogClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public Optional<String> nameOf(String code) {
        String name = names.get(code);
        if (name == null) {
            refresh();
            name = names.get(code);
        }
        return Optional.ofNullable(name).filter(n -> !n.isBlank());
    }

    private synchronized void refresh() {
        Instant now = clock.instant();
        if (lastFetch.plus(RETRY_AFTER).isAfter(now)) {
            return;
        }
        lastFetch = now;
        try {
            names = client.regions().stream().filter(r -> r.code() != null && r.nameZh() != null)
                    .collect(Collectors.toUnmodifiableMap(RegionCatalogClient.RegionRef::code,
                            RegionCatalogClient.RegionRef::nameZh, (a, b) -> a));
        } catch (RuntimeException e) {
            LOG.warnf("Region names unavailable from indicator-service (%s); regions are named by their code until the "
                    + "next try", e.getMessage());
        }
    }
}
