package org.planwatch.ingest.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.planwatch.ingest.calendar.ReportingCalendar.Arrival;
import org.planwatch.ingest.calendar.ReportingCalendar.Item;
import org.planwatch.ingest.calendar.ReportingCalendar.Span;
import org.planwatch.ingest.calendar.ReportingCalendar.Status;
import org.planwatch.ingest.catalog.ReferenceData;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/** The reporting calendar as of today: which figures are due, which arrived, which are late. */
@ApplicationScoped
public class CalendarService {

    public record Query(String indicator, String region, String from, String to, String status) {
    }

    public record CalendarView(LocalDate today, String zone, Map<Status, Long> counts, List<Item> items) {
    }

    private final CalendarSetup setup;
    private final CalendarTargets targets;
    private final ReferenceData reference;
    private final EntityManager entityManager;
    private final Clock clock;

    public CalendarService(CalendarSetup setup, CalendarTargets targets, ReferenceData reference, EntityManager entityManager,
            Clock clock) {
        this.setup = setup;
        this.targets = targets;
        this.reference = reference;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CalendarView calendar(Query query) {
        Filter filter = validate(query);
        List<Span> spans = targets.spans().stream()
                .filter(span -> filter.indicator() == null || filter.indicator().equals(span.indicator()))
                .filter(span -> filter.region() == null || filter.region().equals(span.region()))
                .toList();
        List<Item> items = items(spans, today()).stream()
                .filter(item -> filter.from() == null || Period.parse(item.period()).endMonth() >= filter.from().endMonth())
                .filter(item -> filter.to() == null || Period.parse(item.period()).endMonth() <= filter.to().endMonth())
                .filter(item -> filter.status() == null || filter.status() == item.status())
                .toList();
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, items.stream().filter(item -> item.status() == status).count());
        }
        return new CalendarView(today(), setup.zone().getId(), counts, items);
    }

    /** Every expected figure of these spans whose period has ended, with its status today. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Item> items(Collection<Span> spans, LocalDate today) {
        return setup.calendar().items(spans, arrivals(spans), today);
    }

    /** Today in the calendar's zone (a test clock may be in any zone). */
    public LocalDate today() {
        return clock.instant().atZone(setup.zone()).toLocalDate();
    }

    /** The first revision of every figure of the spans' indicators and regions. */
    private Map<String, Arrival> arrivals(Collection<Span> spans) {
        Set<String> indicators = spans.stream().map(Span::indicator).collect(Collectors.toSet());
        Set<String> regions = spans.stream().map(Span::region).collect(Collectors.toSet());
        Set<String> series = spans.stream().map(span -> span.indicator() + "|" + span.region()).collect(Collectors.toSet());
        Map<String, Arrival> arrivals = new HashMap<>();
        if (indicators.isEmpty()) {
            return arrivals;
        }
        int firstMonth = spans.stream().mapToInt(Span::fromMonth).min().orElseThrow();
        List<Object[]> rows = entityManager.createQuery("select o.observationId, o.receivedAt, o.indicatorCode, o.regionCode "
                + "from Observation o where o.revision = 1 and o.indicatorCode in :indicators and o.regionCode in :regions "
                + "and o.periodEnd >= :firstMonth", Object[].class)
                .setParameter("indicators", indicators)
                .setParameter("regions", regions)
                .setParameter("firstMonth", firstMonth)
                .getResultList();
        for (Object[] row : rows) {
            if (series.contains(row[2] + "|" + row[3])) {
                arrivals.put((String) row[0], new Arrival((String) row[0], (OffsetDateTime) row[1]));
            }
        }
        return arrivals;
    }

    private record Filter(String indicator, String region, Period from, Period to, Status status) {
    }

    private Filter validate(Query query) {
        List<Violation> violations = new ArrayList<>();
        String indicator = blankToNull(query.indicator());
        String region = blankToNull(query.region());
        if (indicator != null && reference.indicator(indicator).isEmpty()) {
            violations.add(Violation.ofField("indicator", "indicator '" + indicator + "' is not in the plan catalog"));
        }
        if (region != null && reference.region(region).isEmpty()) {
            violations.add(Violation.ofField("region", "region '" + region + "' is not in the plan catalog (a GB/T 2260 code such as 371000)"));
        }
        Period from = period(query.from(), "from", violations);
        Period to = period(query.to(), "to", violations);
        if (from != null && to != null && from.endMonth() > to.endMonth()) {
            violations.add(Violation.ofField("to", "'to' (" + to + ") ends before 'from' (" + from + ")"));
        }
        Status status = null;
        String statusText = blankToNull(query.status());
        if (statusText != null) {
            try {
                status = Status.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.ofField("status", "status '" + statusText + "' is not one of "
                        + Arrays.toString(Status.values())));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("the reporting calendar query has " + violations.size() + " invalid parameter(s)",
                    violations);
        }
        return new Filter(indicator, region, from, to, status);
    }

    private static Period period(String text, String parameter, List<Violation> violations) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return Period.parse(value);
        } catch (IllegalArgumentException e) {
            violations.add(Violation.ofField(parameter, e.getMessage()));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
