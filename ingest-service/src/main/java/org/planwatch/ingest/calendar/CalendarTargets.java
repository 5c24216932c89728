package org.planwatch.ingest.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.planwatch.ingest.calendar.ReportingCalendar.Span;
import org.planwatch.ingest.catalog.IndicatorCatalogClient;
import org.planwatch.ingest.catalog.IndicatorCatalogClient.PlanRef;
import org.planwatch.ingest.catalog.IndicatorCatalogClient.TargetRef;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.problem.ProblemException;

/**
 * What the plan catalog asks bureaus to report: one {@link Span} per current target, learned from
 * indicator-service's targets and plans and cached like the rest of the reference data.
 */
@ApplicationScoped
public class CalendarTargets {

    private static final Logger LOG = Logger.getLogger(CalendarTargets.class);

    private record Cached(List<Span> spans, Instant fetchedAt) {
    }

    private final IndicatorCatalogClient client;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Cached cached;

    public CalendarTargets(@RestClient IndicatorCatalogClient client,
            @ConfigProperty(name = "planwatch.catalog.refresh-interval", defaultValue = "PT1M") Duration maxAge, Clock clock) {
        this.client = client;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The spans of every current target; 503 problem when indicator-service cannot be reached and nothing is cached. */
    public synchronized List<Span> spans() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && !current.fetchedAt().plus(maxAge).isBefore(now) && !current.fetchedAt().isAfter(now)) {
            return current.spans();
        }
        try {
            Map<String, LocalDate> issuedOn = new HashMap<>();
            for (PlanRef plan : client.plans()) {
                if (plan.issuedOn() != null) {
                    issuedOn.put(plan.id(), plan.issuedOn());
                }
            }
            cached = new Cached(spansOf(client.targets(), issuedOn), now);
            return cached.spans();
        } catch (RuntimeException e) {
            if (current != null) {
                LOG.warnf("indicator-service unreachable, using the targets fetched at %s: %s", current.fetchedAt(), e.getMessage());
                return current.spans();
            }
            throw ProblemException.unavailable("the plan catalog (indicator-service) cannot be reached to learn which "
                    + "figures are expected; please retry shortly");
        }
    }

    /**
     * A target expects every period from the one after its baseline (else from its start period, else
     * from the month its plan was issued) to the one holding its deadline.
     */
    static List<Span> spansOf(List<TargetRef> targets, Map<String, LocalDate> planIssuedOn) {
        List<Span> spans = new ArrayList<>();
        for (TargetRef target : targets) {
            if (target.indicator() == null || target.region() == null || target.deadline() == null) {
                continue;
            }
            try {
                Integer from = firstMonth(target, planIssuedOn);
                if (from == null) {
                    LOG.debugf("target %s has no baseline, start period or plan date; no figures are expected of it", target.id());
                    continue;
                }
                spans.add(new Span(target.indicator().code(), target.indicator().nameZh(), target.region().code(),
                        target.region().nameZh(), target.indicator().frequency(), from,
                        Period.parse(target.deadline()).endMonth()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("target %s is left out of the reporting calendar: %s", target.id(), e.getMessage());
            }
        }
        return spans;
    }

    private static Integer firstMonth(TargetRef target, Map<String, LocalDate> planIssuedOn) {
        if (target.baseline() != null && target.baseline().period() != null && !target.baseline().period().isBlank()) {
            return Period.parse(target.baseline().period()).endMonth() + 1;
        }
        if (target.startPeriod() != null && !target.startPeriod().isBlank()) {
            Period start = Period.parse(target.startPeriod());
            return start.year() * 12 + start.firstMonth();
        }
        LocalDate issued = target.plan() == null ? null : planIssuedOn.get(target.plan().id());
        return issued == null ? null : ReportingCalendar.monthOf(issued);
    }
}
