package org.planwatch.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstIsServedThenTheNextTokenComesAtTheRate() {
        TokenBucket bucket = new TokenBucket(3, 60, 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("60 a minute: one a second").isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket.take(SECOND / 2)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(SECOND)).isZero();
        assertThat(bucket.take(SECOND)).isPositive();
    }

    @Test
    void refillsUpToItsCapacityOnly() {
        TokenBucket bucket = new TokenBucket(2, 600, 0);
        bucket.take(0);
        bucket.take(0);
        assertThat(bucket.full(0)).isFalse();
        assertThat(bucket.full(3600 * SECOND)).isTrue();
        assertThat(bucket.take(3600 * SECOND)).isZero();
        assertThat(bucket.take(3600 * SECOND)).isZero();
        assertThat(bucket.take(3600 * SECOND)).as("capacity 2, not an hour of tokens").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void timeGoingBackwardsGivesNothing() {
        TokenBucket bucket = new TokenBucket(1, 60, 10 * SECOND);
        assertThat(bucket.take(10 * SECOND)).isZero();
        assertThat(bucket.take(5 * SECOND)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBucketNeedsARate() {
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
