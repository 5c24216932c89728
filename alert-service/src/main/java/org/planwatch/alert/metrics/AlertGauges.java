package org.planwatch.alert.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.service.AlertRecorder.AlertChanged;

/**
 * {@code planwatch_alerts_open{kind,severity,region,department}} (department = the first lead department, "none"
 * without one) and {@code planwatch_alerts_unacknowledged_oldest_age_seconds{severity}}, recounted from the
 * database after changes, at most every {@code planwatch.alerts.gauge-recount} (a GROUP BY over the open alerts: once
 * a second it was a tenth of the service's CPU through a month-end, and Prometheus scrapes every 15 s);
 * {@code planwatch_alert_changes_total{kind,change}}.
 */
@ApplicationScoped
public class AlertGauges {

    private static final List<String> SEVERITIES = List.of("warning", "critical");

    private final MeterRegistry registry;
    private final Clock clock;
    /**
     * One registered gauge per (kind, severity, region, department) with open alerts, its count updated in place: a
     * MultiGauge re-registered with overwrite removed and re-created every series each second, and comparing their
     * tags took 40% of the service's CPU during a month-end.
     */
    private final Map<Tags, OpenSeries> open = new java.util.HashMap<>();
    /** Opening time of the oldest firing (unacknowledged) alert of each severity; absent when there is none. */
    private final Map<String, Instant> oldestUnacknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final long recountNanos;
    /** System.nanoTime() of the last count (monotonic: the service's clock may be set by a test); none before the first. */
    private volatile Long countedAt;

    public AlertGauges(MeterRegistry registry, Clock clock, AlertConfig config) {
        this.registry = registry;
        this.clock = clock;
        this.recountNanos = config.gaugeRecount().toNanos();
        for (String severity : SEVERITIES) {
            Gauge.builder("planwatch.alerts.unacknowledged.oldest.age", this, gauges -> gauges.oldestAgeSeconds(severity))
                    .description("Age of the oldest firing alert nobody has acknowledged (0 when there is none)")
                    .baseUnit("seconds")
                    .tags(Tags.of("severity", severity))
                    .register(registry);
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        registry.counter("planwatch.alert.changes", "kind", changed.kind(), "change", changed.change()).increment();
        dirty.set(true);
    }

    /** One planwatch_alerts_open series and the count it reads. */
    private record OpenSeries(Gauge gauge, AtomicLong alerts) {
    }

    private OpenSeries registerOpen(Tags tags) {
        AtomicLong alerts = new AtomicLong();
        Gauge gauge = Gauge.builder("planwatch.alerts.open", alerts, AtomicLong::get)
                .description("Alerts firing or acknowledged, not yet resolved")
                .tags(tags).strongReference(true).register(registry);
        return new OpenSeries(gauge, alerts);
    }

    double oldestAgeSeconds(String severity) {
        Instant oldest = oldestUnacknowledged.get(severity);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Recounts from the database when something changed (and once after start-up) and the last count is old enough. */
    @Scheduled(every = "${planwatch.alerts.gauge-refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        long now = System.nanoTime();
        if (countedAt != null && now - countedAt < recountNanos || !dirty.getAndSet(false)) {
            return;
        }
        countedAt = now;
        @SuppressWarnings("unchecked")
        List<Object[]> counts = Alert.getEntityManager().createNativeQuery(
                "select kind, severity, region_code, coalesce(lead_departments[1], 'none'), count(*) from alert "
                        + "where status <> 'RESOLVED' group by 1, 2, 3, 4")
                .getResultList();
        Map<Tags, Long> fresh = new java.util.HashMap<>();
        for (Object[] row : counts) {
            fresh.put(Tags.of("kind", (String) row[0], "severity", (String) row[1], "region", (String) row[2],
                    "department", (String) row[3]), ((Number) row[4]).longValue());
        }
        synchronized (open) {
            open.entrySet().removeIf(entry -> {
                if (fresh.containsKey(entry.getKey())) {
                    return false;
                }
                registry.remove(entry.getValue().gauge());
                return true;
            });
            fresh.forEach((tags, alerts) -> open.computeIfAbsent(tags, this::registerOpen).alerts().set(alerts));
        }
        List<Object[]> oldest = Alert.getEntityManager().createQuery(
                "select a.severity, min(a.firstSeen) from Alert a where a.status = 'FIRING' group by a.severity", Object[].class)
                .getResultList();
        Map<String, Instant> oldestNow = new java.util.HashMap<>();
        for (Object[] row : oldest) {
            oldestNow.put((String) row[0], ((OffsetDateTime) row[1]).toInstant());
        }
        oldestUnacknowledged.putAll(oldestNow);
        oldestUnacknowledged.keySet().retainAll(oldestNow.keySet());
    }
}
