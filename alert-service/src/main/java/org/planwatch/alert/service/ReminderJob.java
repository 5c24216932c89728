package org.planwatch.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Reminds of open, unacknowledged alerts on their growing schedule; safe on several replicas (rows locked, skipped when taken). */
@ApplicationScoped
public class ReminderJob {

    private static final Logger LOG = Logger.getLogger(ReminderJob.class);

    private final AlertService alerts;

    public ReminderJob(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(every = "${planwatch.alerts.reminder-check:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int reminded = alerts.remind();
        if (reminded > 0) {
            LOG.infof("Reminded of %d unacknowledged alert(s)", reminded);
        }
    }
}
