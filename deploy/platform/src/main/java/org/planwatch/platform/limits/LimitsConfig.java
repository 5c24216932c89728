package org.planwatch.platform.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Per-client limits of the endpoints marked {@link RateLimited}. */
@ConfigMapping(prefix = "planwatch.limits")
public interface LimitsConfig {

    /** Requests a client (token {@code upn}, else remote address) may send per minute, on average. */
    @WithDefault("120")
    int requestsPerMinute();

    /** Requests a client may send at once before the per-minute rate applies. */
    @WithDefault("60")
    int burst();

    /** The largest JSON body accepted, in bytes (file uploads have planwatch.upload.max-bytes). */
    @WithDefault("8388608")
    long maxJsonBytes();

    /** Limits for one client, by token {@code upn}: {@code planwatch.limits.clients.bureau-371681.requests-per-minute}. */
    Map<String, ClientLimit> clients();

    interface ClientLimit {

        int requestsPerMinute();

        Optional<Integer> burst();
    }
}
