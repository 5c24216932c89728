package org.planwatch.alert.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.service.AlertService.AlertChanged;

/**
 * {@code planwatch_alerts_open{kind,severity}}, recounted from the database shortly after every change, and
 * {@code planwatch_alert_changes_total{kind,change}}.
 */
@ApplicationScoped
public class AlertGauges {

    private static final List<String> KINDS = List.of("LAG", "OVERDUE_TARGET", "OVERDUE_REPORT", "BREACH");
    private static final List<String> SEVERITIES = List.of("warning", "critical");

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);

    public AlertGauges(MeterRegistry registry) {
        this.registry = registry;
        for (String kind : KINDS) {
            for (String severity : SEVERITIES) {
                AtomicLong count = new AtomicLong();
                open.put(kind + "/" + severity, count);
                Gauge.builder("planwatch.alerts.open", count, AtomicLong::get)
                        .description("Alerts firing or acknowledged, not yet resolved")
                        .tags(Tags.of("kind", kind, "severity", severity))
                        .register(registry);
            }
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        registry.counter("planwatch.alert.changes", "kind", changed.kind(), "change", changed.change()).increment();
        dirty.set(true);
    }

    /** Recounts from the database when something changed (and once after start-up). */
    @Scheduled(every = "${planwatch.alerts.gauge-refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        if (!dirty.getAndSet(false)) {
            return;
        }
        open.values().forEach(count -> count.set(0));
        List<Object[]> rows = Alert.getEntityManager().createQuery(
                "select a.kind, a.severity, count(a) from Alert a where a.status <> 'RESOLVED' group by a.kind, a.severity",
                Object[].class).getResultList();
        for (Object[] row : rows) {
            AtomicLong count = open.get(row[0] + "/" + row[1]);
            if (count != null) {
                count.set(((Number) row[2]).longValue());
            }
        }
    }
}
