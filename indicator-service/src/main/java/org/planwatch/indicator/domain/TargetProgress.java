package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress of the live targets of a plan and/or region (the whole catalog when neither is given), read in SQL:
 * counts by latest status in one GROUP BY and the worst targets in one ordered, limited query, so the answer costs
 * the same few rows whatever the catalog size (loading every target and evaluation as entities timed out at 5,000
 * targets under 200 concurrent readers). A target never evaluated counts as {@link #NOT_REPORTED}.
 */
public final class TargetProgress {

    public static final String NOT_REPORTED = "NOT_REPORTED";

    /** One of the worst targets, with the names a reader needs. */
    public record Row(String targetId, String planId, String indicatorCode, String indicatorNameZh, String regionCode,
            String regionNameZh, String status, String period, BigDecimal actual, BigDecimal expected,
            BigDecimal targetValue, String unit, Double progressRatio, Double forecastProbability,
            List<String> leadDepartments) {
    }

    /**
     * Live targets with their latest evaluation's status and progress (newest period, then newest of that period: a
     * deadline's verdict, the sweep's MISSED or a late ACHIEVED, is an evaluation of the deadline period), from
     * latest_evaluation, which the transaction storing evaluations keeps; a target never evaluated has none.
     */
    private static final String LATEST = """
            from target t
            left join latest_evaluation l on l.target_id = t.id
            where t.retired_at is null""";

    private TargetProgress() {
    }

    /** How many live targets have each latest status, in the order of {@code statuses} (every one present, 0 if none). */
    public static Map<String, Long> countsByStatus(String planId, String regionCode, List<String> statuses) {
        Map<String, Long> counts = new LinkedHashMap<>();
        statuses.forEach(status -> counts.put(status, 0L));
        Query query = query("select coalesce(l.status, '" + NOT_REPORTED + "'), count(*) " + LATEST
                + filters(planId, regionCode) + " group by 1", planId, regionCode);
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            counts.merge((String) columns[0], ((Number) columns[1]).longValue(), Long::sum);
        }
        return counts;
    }

    /**
     * At most {@code limit} live targets, worst first: by the position of their latest status in {@code severityOrder},
     * then lowest progress first (none last), then by id so the same targets are listed from one read to the next. The
     * worst are chosen from the narrow tables; only they join the evaluation, indicator and region for their figures.
     */
    @SuppressWarnings("unchecked")
    public static List<Row> worst(String planId, String regionCode, List<String> severityOrder, int limit) {
        String order = "array_position(cast(:severity as text[]), coalesce(l.status, '%s')), l.progress_ratio nulls last, t.id"
                .formatted(NOT_REPORTED);
        Query query = query("""
                with worst as (
                    select t.id, l.evaluation_id, row_number() over (order by %s) as ordinal
                    %s%s
                    order by %s
                    limit :limit)
                select t.id, t.plan_id, t.indicator_code, i.name_zh, t.region_code, r.name_zh,
                       coalesce(e.status, '%s'), e.period, e.actual, e.expected, t.target_value, t.unit,
                       e.progress_ratio, cast(e.forecast ->> 'probability' as float8), t.lead_departments
                from worst w
                join target t on t.id = w.id
                join indicator i on i.code = t.indicator_code
                join region r on r.code = t.region_code
                left join evaluation e on e.id = w.evaluation_id
                order by w.ordinal""".formatted(order, LATEST, filters(planId, regionCode), order, NOT_REPORTED),
                planId, regionCode)
                .setParameter("severity", severityOrder.toArray(String[]::new))
                .setParameter("limit", limit);
        return ((List<Object[]>) query.getResultList()).stream().map(TargetProgress::row).toList();
    }

    private static String filters(String planId, String regionCode) {
        return (present(planId) ? " and t.plan_id = :plan" : "") + (present(regionCode) ? " and t.region_code = :region" : "");
    }

    private static Query query(String sql, String planId, String regionCode) {
        Query query = Panache.getEntityManager().createNativeQuery(sql);
        if (present(planId)) {
            query.setParameter("plan", planId);
        }
        if (present(regionCode)) {
            query.setParameter("region", regionCode);
        }
        return query;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Row row(Object[] columns) {
        return new Row((String) columns[0], (String) columns[1], (String) columns[2], (String) columns[3],
                (String) columns[4], (String) columns[5], (String) columns[6], (String) columns[7],
                (BigDecimal) columns[8], (BigDecimal) columns[9], (BigDecimal) columns[10], (String) columns[11],
                LatestFigures.number(columns[12]), LatestFigures.number(columns[13]),
                LatestFigures.strings(columns[14]));
    }
}
