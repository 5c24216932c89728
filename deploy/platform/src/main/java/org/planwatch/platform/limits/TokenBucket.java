package org.planwatch.platform.limits;

import java.time.Duration;

/**
 * A token bucket: holds at most {@code capacity} tokens, refilled at {@code perMinute} tokens a
 * minute; each request takes one. Plain Java, times passed in (nanoseconds of any monotonic
 * origin), so it is tested without a clock.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int capacity, int perMinute, long now) {
        if (capacity < 1 || perMinute < 1) {
            throw new IllegalArgumentException("a bucket needs a capacity and a rate of at least 1");
        }
        this.capacity = capacity;
        this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token: {@link Duration#ZERO} when one was there, else how long until the next one (nothing taken). */
    public synchronized Duration take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** True when the bucket has refilled completely, so forgetting it changes nothing. */
    public synchronized boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
