package org.planwatch.ingest.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.planwatch.ingest.catalog.IndicatorCatalogClient.IndicatorRef;
import org.planwatch.ingest.catalog.IndicatorCatalogClient.RegionRef;
import org.planwatch.platform.problem.ProblemException;

/**
 * The indicators and regions indicator-service knows, cached for a minute. An unknown code
 * refreshes the cache first (at most every few seconds), so a plan imported a moment ago is
 * accepted; when indicator-service cannot be reached and nothing is cached, uploads answer 503
 * rather than accept figures nobody validated.
 */
@ApplicationScoped
public class ReferenceData {

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);
    private static final Duration MIN_REFRESH_GAP = Duration.ofSeconds(5);

    record Snapshot(Map<String, IndicatorRef> indicators, Map<String, RegionRef> regions, Instant fetchedAt) {
    }

    private final IndicatorCatalogClient client;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public ReferenceData(@RestClient IndicatorCatalogClient client,
            @ConfigProperty(name = "planwatch.catalog.refresh-interval", defaultValue = "PT1M") Duration maxAge, Clock clock) {
        this.client = client;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Optional<IndicatorRef> indicator(String code) {
        return lookup(s -> s.indicators().get(code));
    }

    public Optional<RegionRef> region(String code) {
        return lookup(s -> s.regions().get(code));
    }

    /** The region above {@code code} in the GB/T 2260 tree (indicator-service's {@code parent}), or null at the top. */
    public String parentOf(String code) {
        return region(code).map(RegionRef::parent).orElse(null);
    }

    private <T> Optional<T> lookup(Function<Snapshot, T> get) {
        Snapshot current = current(false);
        T found = get.apply(current);
        if (found == null && current.fetchedAt().plus(MIN_REFRESH_GAP).isBefore(clock.instant())) {
            found = get.apply(current(true));
        }
        return Optional.ofNullable(found);
    }

    private synchronized Snapshot current(boolean force) {
        Snapshot cached = snapshot;
        if (cached != null && !force && cached.fetchedAt().plus(maxAge).isAfter(clock.instant())) {
            return cached;
        }
        try {
            snapshot = new Snapshot(
                    client.indicators().stream().collect(Collectors.toMap(IndicatorRef::code, Function.identity())),
                    client.regions().stream().collect(Collectors.toMap(RegionRef::code, Function.identity())),
                    clock.instant());
            return snapshot;
        } catch (RuntimeException e) {
            if (cached != null) {
                LOG.warnf("indicator-service unreachable, using the catalog fetched at %s: %s", cached.fetchedAt(), e.getMessage());
                return cached;
            }
            throw ProblemException.unavailable("the plan catalog (indicator-service) cannot be reached to validate "
                    + "indicators and regions; nothing was stored, please retry shortly");
        }
    }
}
