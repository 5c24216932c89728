package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.Panache;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An active target with the figures of its latest evaluation (newest period, then newest of that period), as the
 * per-target gauges show them: one row per target with only the columns they need, read without loading entities
 * (a full refresh would otherwise put every target and evaluation into the persistence context).
 */
public record LatestFigures(String targetId, String planId, String indicatorCode, String regionCode, String unit,
        BigDecimal targetValue, List<String> leadDepartments, String status, BigDecimal actual, BigDecimal expected,
        Double progressRatio, Double forecast, Double forecastLower, Double forecastUpper, Double forecastProbability) {

    /** The columns of a target {@code t} and its latest evaluation {@code e} (through latest_evaluation {@code l}). */
    private static final String COLUMNS = """
            select t.id, t.plan_id, t.indicator_code, t.region_code, t.unit, t.target_value, t.lead_departments,
                   e.status, e.actual, e.expected, e.progress_ratio,
                   cast(e.forecast ->> 'projected' as float8), cast(e.forecast ->> 'lower80' as float8),
                   cast(e.forecast ->> 'upper80' as float8), cast(e.forecast ->> 'probability' as float8)
            """;

    private static final String ACTIVE = COLUMNS + """
            from latest_evaluation l
            join target t on t.id = l.target_id
            join evaluation e on e.id = l.evaluation_id
            where t.retired_at is null""";

    /** The targets named by the text array {@code ?1}, each with its latest evaluation. */
    private static final String CHOSEN = """
            from unnest(cast(?1 as text[])) as chosen(id)
            join latest_evaluation l on l.target_id = chosen.id
            join target t on t.id = l.target_id
            join evaluation e on e.id = l.evaluation_id""";

    /** Every active target that has been evaluated. */
    public static List<LatestFigures> ofActiveTargets() {
        return read(Panache.getEntityManager().createNativeQuery(ACTIVE));
    }

    /**
     * Those of {@code targetIds} that are active and have been evaluated: three key lookups per target, driven by the
     * ids ({@code = any(ids)} let the planner scan the whole of latest_evaluation for a thousand of them).
     */
    public static List<LatestFigures> of(Collection<String> targetIds) {
        return read(Panache.getEntityManager().createNativeQuery(COLUMNS + CHOSEN + " where t.retired_at is null")
                .setParameter(1, targetIds.toArray(String[]::new)));
    }

    /** Those of {@code targetIds} that are active and whose latest status is one of {@code statuses}, filtered before the evaluations are read. */
    public static List<LatestFigures> of(Collection<String> targetIds, List<String> statuses) {
        return read(Panache.getEntityManager().createNativeQuery(COLUMNS + CHOSEN
                        + " where t.retired_at is null and l.status = any(cast(?2 as text[]))")
                .setParameter(1, targetIds.toArray(String[]::new))
                .setParameter(2, statuses.toArray(String[]::new)));
    }

    /**
     * At most {@code limit} active targets whose latest status is one of {@code statuses}: those of the first status
     * first, then of the second…, by target id within a status (so the same targets are chosen from one read to the next).
     * They are chosen from the narrow tables; only the chosen join the evaluations.
     */
    public static List<LatestFigures> withStatus(List<String> statuses, int limit) {
        return read(Panache.getEntityManager().createNativeQuery("""
                with chosen as (
                    select l.target_id, l.evaluation_id, array_position(cast(?1 as text[]), l.status) as ordinal
                    from latest_evaluation l join target t on t.id = l.target_id
                    where t.retired_at is null and l.status = any(cast(?1 as text[]))
                    order by ordinal, l.target_id
                    limit ?2)
                """ + COLUMNS + """
                from chosen l
                join target t on t.id = l.target_id
                join evaluation e on e.id = l.evaluation_id
                order by l.ordinal, t.id""")
                .setParameter(1, statuses.toArray(String[]::new))
                .setParameter(2, limit));
    }

    @SuppressWarnings("unchecked")
    private static List<LatestFigures> read(jakarta.persistence.Query query) {
        return ((List<Object[]>) query.getResultList()).stream().map(LatestFigures::of).toList();
    }

    private static LatestFigures of(Object[] row) {
        return new LatestFigures((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (BigDecimal) row[5], strings(row[6]), (String) row[7], (BigDecimal) row[8], (BigDecimal) row[9],
                number(row[10]), number(row[11]), number(row[12]), number(row[13]), number(row[14]));
    }

    static List<String> strings(Object array) {
        if (array instanceof Object[] values) {
            return Arrays.stream(values).map(String.class::cast).toList();
        }
        throw new IllegalStateException("lead_departments read as " + (array == null ? "null" : array.getClass().getName()));
    }

    static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
