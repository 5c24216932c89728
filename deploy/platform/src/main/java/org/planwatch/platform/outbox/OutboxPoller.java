package org.planwatch.platform.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The safety net of the outbox: asks the relay to drain what an after-commit drain missed (a
 * crash, Kafka down). Kept apart from {@link OutboxRelay} so no poll creates the relay (and its Kafka
 * producer) before the application has started.
 */
@ApplicationScoped
public class OutboxPoller {

    @Inject
    OutboxRelay relay;

    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${planwatch.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            relay.requestDrain();
        }
    }
}
