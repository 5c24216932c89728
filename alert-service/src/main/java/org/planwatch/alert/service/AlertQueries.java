package org.planwatch.alert.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.domain.Delivery;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/** Reads of alerts for the API. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AlertQueries {

    static final Set<String> STATUSES = Set.of("FIRING", "ACKNOWLEDGED", "RESOLVED");
    static final Set<String> KINDS = Set.of("LAG", "OVERDUE_TARGET", "OVERDUE_REPORT", "BREACH");

    public List<Alert> list(String status, String region, String kind) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null && !status.isBlank()) {
            query.append(" and status = :status");
            parameters.and("status", allowed("status", status, STATUSES));
        }
        if (region != null && !region.isBlank()) {
            query.append(" and regionCode = :region");
            parameters.and("region", region);
        }
        if (kind != null && !kind.isBlank()) {
            query.append(" and kind = :kind");
            parameters.and("kind", allowed("kind", kind, KINDS));
        }
        return Alert.<Alert>list(query.toString(), Sort.descending("lastSeen", "id"), parameters);
    }

    public Alert get(long id) {
        Alert alert = Alert.findById(id);
        if (alert == null) {
            throw ProblemException.notFound("alert", Long.toString(id));
        }
        return alert;
    }

    public List<Subscription> subscriptions() {
        return Subscription.active();
    }

    /** A delivery with the name of its subscription's recipient. */
    public record DeliveryRow(Delivery delivery, String recipient) {
    }

    public List<DeliveryRow> deliveries(long alertId) {
        return Alert.getEntityManager().createQuery("select d, s.recipient from Delivery d, Subscription s "
                        + "where s.id = d.subscriptionId and d.alertId = :alert order by d.id", Object[].class)
                .setParameter("alert", alertId)
                .getResultList().stream().map(r -> new DeliveryRow((Delivery) r[0], (String) r[1])).toList();
    }

    public List<AlertHistory> history(long alertId) {
        return AlertHistory.list("alertId", Sort.by("id"), alertId);
    }

    private static String allowed(String parameter, String value, Set<String> allowed) {
        String normalised = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw ProblemException.invalid("query parameter '" + parameter + "' has an unknown value",
                    List.of(Violation.ofField(parameter, "'" + value + "' is not one of " + allowed.stream().sorted().toList())));
        }
        return normalised;
    }
}
