package org.planwatch.ingest.calendar;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.planwatch.ingest.calendar.ReportingCalendar.Item;
import org.planwatch.ingest.calendar.ReportingCalendar.Span;
import org.planwatch.ingest.calendar.ReportingCalendar.Status;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.ReportData;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.outbox.Outbox;
import org.planwatch.platform.problem.ProblemException;

/**
 * Publishes the reporting calendar's verdicts on {@code planwatch.reports}, each once per figure:
 * {@code OVERDUE} when the scheduled check first finds a figure past its due date without a figure,
 * and {@code RECEIVED} when a figure it reported overdue arrives. The RECEIVED side runs right after
 * every commit that stored observations (and again in every check, the safety net for a crash in
 * between). The state is the {@code report_status} table, written in the same transaction as the
 * outbox rows; one replica works at a time (a PostgreSQL advisory lock).
 */
@ApplicationScoped
public class ReportCheck {

    private static final Logger LOG = Logger.getLogger(ReportCheck.class);
    private static final String SOURCE = "/planwatch/ingest-service";
    /** Arbitrary constant shared by every replica of ingest-service ("reports!"). */
    public static final long CHECK_LOCK = 0x7265706f72747321L;

    public record Result(boolean ran, int overdue, int received) {
    }

    private final CalendarService calendar;
    private final CalendarTargets targets;
    private final Outbox outbox;
    private final EventCodec codec;
    private final EntityManager entityManager;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "report-received-check");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean receivedCheckRequested = new AtomicBoolean();

    public ReportCheck(CalendarService calendar, CalendarTargets targets, Outbox outbox, EventCodec codec,
            EntityManager entityManager, Clock clock, MeterRegistry registry) {
        this.calendar = calendar;
        this.targets = targets;
        this.outbox = outbox;
        this.codec = codec;
        this.entityManager = entityManager;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${planwatch.calendar.check-interval:1h}", delayed = "${planwatch.calendar.check-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Result result = check();
        if (result.overdue() + result.received() > 0) {
            LOG.infof("Reporting calendar: %d figure(s) became overdue, %d overdue figure(s) arrived",
                    result.overdue(), result.received());
        }
    }

    /**
     * Finds figures that became overdue and overdue figures that arrived; publishes each once. Without
     * the plan catalog (indicator-service unreachable, nothing cached) only arrivals are looked for.
     */
    public Result check() {
        List<Span> spans;
        try {
            spans = targets.spans();
        } catch (ProblemException e) {
            LOG.warnf("Reporting calendar: overdue figures not checked: %s", e.getMessage());
            spans = null;
        }
        List<Span> expected = spans;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!lock(false)) {
                return new Result(false, 0, 0);
            }
            OffsetDateTime now = now();
            int overdue = 0;
            if (expected != null) {
                Set<String> known = new HashSet<>(entityManager.createQuery("select r.reportKey from ReportStatus r", String.class)
                        .getResultList());
                for (Item item : calendar.items(expected, calendar.today())) {
                    if (item.status() == Status.OVERDUE && known.add(item.key())) {
                        recordOverdue(item, now);
                        overdue++;
                    }
                }
            }
            return new Result(true, overdue, receiveArrived(now));
        });
    }

    /** Publishes RECEIVED for every overdue figure that has arrived since; waits for a running check. */
    public int checkReceived() {
        return QuarkusTransaction.requiringNew().call(() -> {
            lock(true);
            return receiveArrived(now());
        });
    }

    void afterObservationsStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (Topics.OBSERVATIONS.equals(written.topic()) && receivedCheckRequested.compareAndSet(false, true)
                && !worker.isShutdown()) {
            worker.execute(() -> {
                receivedCheckRequested.set(false);
                try {
                    checkReceived();
                } catch (RuntimeException e) {
                    LOG.warnf("Received-figure check failed, the next scheduled check retries: %s", e.getMessage());
                }
            });
        }
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private boolean lock(boolean wait) {
        Object locked = entityManager.createNativeQuery(wait ? "select pg_advisory_xact_lock(?1)"
                : "select pg_try_advisory_xact_lock(?1)").setParameter(1, CHECK_LOCK).getSingleResult();
        return wait || Boolean.TRUE.equals(locked);
    }

    private void recordOverdue(Item item, OffsetDateTime now) {
        ReportStatus row = new ReportStatus();
        row.reportKey = item.key();
        row.indicatorCode = item.indicator();
        row.regionCode = item.region();
        row.period = item.period();
        row.indicatorNameZh = item.indicatorNameZh() == null ? item.indicator() : item.indicatorNameZh();
        row.regionNameZh = item.regionNameZh() == null ? item.region() : item.regionNameZh();
        row.frequency = item.frequency();
        row.dueDate = item.dueDate();
        row.status = ReportStatus.OVERDUE;
        row.overdueAt = now;
        row.persist();
        publish(row, now);
    }

    /** The earliest first revision of each overdue figure that has arrived (a 1–2月 figure may come as February's). */
    private int receiveArrived(OffsetDateTime now) {
        List<Object[]> rows = entityManager.createQuery("select r.reportKey, o.observationId, o.receivedAt from ReportStatus r, "
                + "Observation o where r.status = 'OVERDUE' and o.indicatorCode = r.indicatorCode and o.regionCode = r.regionCode "
                + "and o.revision = 1 and (o.period = r.period or (r.period like '%-01..02' "
                + "and o.period = concat(substring(r.period, 1, 4), '-02')))", Object[].class).getResultList();
        Map<String, Object[]> earliest = new HashMap<>();
        for (Object[] row : rows) {
            earliest.merge((String) row[0], row, (a, b) -> ((OffsetDateTime) b[2]).isBefore((OffsetDateTime) a[2]) ? b : a);
        }
        for (Object[] arrival : earliest.values()) {
            ReportStatus row = ReportStatus.findById(arrival[0]);
            row.status = ReportStatus.RECEIVED;
            row.observationId = (String) arrival[1];
            row.receivedAt = (OffsetDateTime) arrival[2];
            row.receivedNotedAt = now;
            publish(row, now);
        }
        return earliest.size();
    }

    private void publish(ReportStatus row, OffsetDateTime now) {
        ReportData data = new ReportData(new ReportData.IndicatorRef(row.indicatorCode, row.indicatorNameZh),
                new ReportData.RegionRef(row.regionCode, row.regionNameZh), row.period, row.frequency, row.dueDate,
                row.status, row.receivedAt == null ? null : row.receivedAt.toInstant(), now.toInstant(), row.observationId);
        outbox.publish(Topics.REPORTS, data.seriesKey(), codec.envelope(SOURCE, Topics.REPORT_TYPE, row.reportKey, now, data));
        registry.counter("planwatch.reports.events", "status", row.status).increment();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
