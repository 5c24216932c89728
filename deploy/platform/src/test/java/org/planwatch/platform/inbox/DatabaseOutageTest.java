package org.planwatch.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAndShutdownsAnywhereInTheChainAreOutages() {
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("tx failed",
                new RuntimeException(new SQLException("I/O error sending to the backend", "08006"))))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void badDataAndBugsAreNotOutages() {
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("value too long", "22001"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("unknown target"))).isFalse();
    }

    @Test
    void retriesWhileTheDatabaseIsAwayAndThrowsOtherFailuresAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        DatabaseOutage.retryWhileUnavailable(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException(new SQLException("Connection refused", "08001"));
            }
        }, Duration.ofMillis(1));
        assertThat(attempts).hasValue(3);

        AtomicInteger badAttempts = new AtomicInteger();
        assertThatThrownBy(() -> DatabaseOutage.retryWhileUnavailable(() -> {
            badAttempts.incrementAndGet();
            throw new IllegalArgumentException("unknown target");
        }, Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(badAttempts).hasValue(1);
    }
}
