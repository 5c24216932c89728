package org.planwatch.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.planwatch.alert.config.AlertConfig;

/** Escalates critical alerts that stay unacknowledged; safe on several replicas (rows are locked, skipped when taken). */
@ApplicationScoped
public class EscalationJob {

    private static final Logger LOG = Logger.getLogger(EscalationJob.class);

    private final AlertService alerts;
    private final AlertConfig config;

    public EscalationJob(AlertService alerts, AlertConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @Scheduled(every = "${planwatch.alerts.escalation-check:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int escalated = alerts.escalate(config.escalateAfter());
        if (escalated > 0) {
            LOG.infof("Escalated %d unacknowledged critical alert(s)", escalated);
        }
    }
}
