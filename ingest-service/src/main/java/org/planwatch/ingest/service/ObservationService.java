package org.planwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.planwatch.ingest.domain.Observation;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;
import org.planwatch.platform.security.Caller;

/**
 * The JSON API's upload: validates every item, then stores the valid ones in one transaction
 * through {@link ObservationStore}, the store path file uploads share. An item for a region the
 * caller may not post for is rejected like an invalid one; a request of nothing else is a 403.
 */
@ApplicationScoped
public class ObservationService {

    private final ObservationValidator validator;
    private final ObservationStore store;
    private final MeterRegistry registry;
    private final PostingScope scope;

    public ObservationService(ObservationValidator validator, ObservationStore store, MeterRegistry registry,
            PostingScope scope) {
        this.validator = validator;
        this.store = store;
        this.registry = registry;
        this.scope = scope;
    }

    @Transactional
    public UploadResult upload(JsonNode body, String source, Caller caller) {
        List<JsonNode> items = items(body);
        List<Violation> rejected = new ArrayList<>();
        List<ObservationInput> valid = new ArrayList<>();
        Map<String, Integer> firstIndexOf = new HashMap<>();
        int outOfScope = 0;
        for (int i = 0; i < items.size(); i++) {
            Optional<ObservationInput> input = validator.validate(i, items.get(i), rejected);
            if (input.isEmpty()) {
                continue;
            }
            Optional<String> denied = scope.denial(caller, input.get().region(), "item " + i);
            if (denied.isPresent()) {
                rejected.add(Violation.ofField("[" + i + "].region", denied.get()));
                outOfScope++;
                continue;
            }
            Integer earlier = firstIndexOf.putIfAbsent(input.get().observationId(), i);
            if (earlier != null) {
                rejected.add(Violation.ofField("[" + i + "]", "the same indicator, region and period is already item "
                        + earlier + " of this upload"));
                continue;
            }
            valid.add(input.get());
        }
        count("rejected", countItems(rejected));
        if (valid.isEmpty() && outOfScope == items.size()) {
            throw new ProblemException(403, "region-forbidden", "Not allowed for this region", rejected.get(0).message()
                    + (items.size() > 1 ? " (and so is every other item); nothing was stored" : "; nothing was stored"), rejected);
        }
        if (valid.isEmpty()) {
            throw ProblemException.invalid("none of the " + items.size() + " observation(s) can be accepted; nothing was stored",
                    rejected);
        }
        List<UploadResult.Accepted> accepted = store.storeAll(valid, source, caller.id());
        return new UploadResult(items.size(), accepted.size(), items.size() - accepted.size(), accepted, rejected);
    }

    /** The latest revision of each figure in a series, optionally between two periods. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Observation> latest(String indicator, String region, String from, String to, String asOf) {
        Parameters parameters = new Parameters();
        StringBuilder query;
        if (asOf != null && !asOf.isBlank()) {
            // What was known at that moment: the newest revision received by then (a vintage).
            query = new StringBuilder("from Observation obs where obs.receivedAt <= :asOf and obs.revision = (select max(o.revision) "
                    + "from Observation o where o.observationId = obs.observationId and o.receivedAt <= :asOf)");
            parameters.and("asOf", moment(asOf));
        } else {
            query = new StringBuilder("from Observation obs where obs.revision = (select max(o.revision) from Observation o "
                    + "where o.observationId = obs.observationId)");
        }
        if (indicator != null && !indicator.isBlank()) {
            query.append(" and obs.indicatorCode = :indicator");
            parameters.and("indicator", indicator);
        }
        if (region != null && !region.isBlank()) {
            query.append(" and obs.regionCode = :region");
            parameters.and("region", region);
        }
        if (from != null && !from.isBlank()) {
            query.append(" and obs.periodEnd >= :from");
            parameters.and("from", periodEnd(from, "from"));
        }
        if (to != null && !to.isBlank()) {
            query.append(" and obs.periodEnd <= :to");
            parameters.and("to", periodEnd(to, "to"));
        }
        // The outer row is named (obs): unqualified, the subquery's observationId would be its own, and only figures
        // at the highest revision of any series would be listed.
        query.append(" order by obs.indicatorCode, obs.regionCode, obs.periodEnd");
        return Observation.<Observation>list(query.toString(), parameters);
    }

    private static OffsetDateTime moment(String asOf) {
        try {
            return OffsetDateTime.parse(asOf.trim());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                // A date alone means the end of that day, China Standard Time.
                return java.time.LocalDate.parse(asOf.trim()).plusDays(1).atStartOfDay(java.time.ZoneOffset.ofHours(8))
                        .toOffsetDateTime().minusNanos(1);
            } catch (java.time.format.DateTimeParseException notADate) {
                throw ProblemException.invalid("query parameter 'asOf' is not a moment", List.of(Violation.ofField("asOf",
                        "'" + asOf + "' is neither an ISO date-time (2024-03-31T18:00:00+08:00) nor a date (2024-03-31)")));
            }
        }
    }

    private static int periodEnd(String period, String parameter) {
        try {
            return Period.parse(period).endMonth();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("query parameter '" + parameter + "' is not a period",
                    List.of(Violation.ofField(parameter, e.getMessage())));
        }
    }

    private static List<JsonNode> items(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("the request body is empty; post a JSON array of observations",
                    List.of(Violation.ofField("", "body is required")));
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw ProblemException.invalid("the body must be a JSON array of observations",
                    List.of(Violation.ofField("", "expected a JSON array, got " + body.getNodeType().toString().toLowerCase())));
        }
        if (items.isEmpty()) {
            throw ProblemException.invalid("the array holds no observations", List.of(Violation.ofField("", "array is empty")));
        }
        return items;
    }

    private static long countItems(List<Violation> violations) {
        return violations.stream().map(v -> v.field().contains("]") ? v.field().substring(0, v.field().indexOf(']')) : v.field())
                .distinct().count();
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("planwatch.ingest.observations", "outcome", outcome).increment(amount);
        }
    }
}
