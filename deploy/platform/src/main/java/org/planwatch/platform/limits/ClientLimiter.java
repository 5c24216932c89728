package org.planwatch.platform.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per client. Buckets that have refilled are forgotten once there are
 * many, so a stream of different addresses cannot grow the map without bound.
 */
@ApplicationScoped
public class ClientLimiter {

    private static final int FORGET_ABOVE = 10_000;

    private final LimitsConfig config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ClientLimiter(LimitsConfig config) {
        this.config = config;
    }

    /** The limit that applies to {@code client}: requests per minute and burst. */
    public record Limit(int perMinute, int burst, String property) {
    }

    public Limit limitOf(String client) {
        LimitsConfig.ClientLimit own = config.clients().get(client);
        if (own != null) {
            return new Limit(own.requestsPerMinute(), own.burst().orElse(Math.max(1, Math.min(config.burst(), own.requestsPerMinute()))),
                    "planwatch.limits.clients." + client + ".requests-per-minute");
        }
        return new Limit(config.requestsPerMinute(), config.burst(), "planwatch.limits.requests-per-minute");
    }

    /** {@link Duration#ZERO} when {@code client} may go on, else how long it must wait. */
    public Duration take(String client) {
        long now = System.nanoTime();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        Limit limit = limitOf(client);
        return buckets.computeIfAbsent(client, c -> new TokenBucket(limit.burst(), limit.perMinute(), now)).take(now);
    }
}
