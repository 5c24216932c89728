package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One judgement of a target for one period, naming the observation revision it used. */
@Entity
public class Evaluation extends PanacheEntityBase {

    /** From {@code evaluation_id_seq}, assigned by {@link #assignIds} so that inserts can be batched. */
    @Id
    public Long id;

    @Column(name = "target_id", nullable = false)
    public String targetId;

    @Column(nullable = false)
    public String period;

    @Column(name = "period_end", nullable = false)
    public int periodEnd;

    @Column(name = "target_version", nullable = false)
    public int targetVersion;

    @Column(name = "observation_id", nullable = false)
    public String observationId;

    @Column(name = "observation_revision", nullable = false)
    public int observationRevision;

    @Column(nullable = false)
    public BigDecimal actual;

    public BigDecimal expected;

    public BigDecimal gap;

    @Column(name = "progress_ratio")
    public Double progressRatio;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String explanation;

    /** Every number the evaluation used or computed (B, V, A, τ, E, r, s(m), g_a …), by name. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public java.util.Map<String, Object> terms = java.util.Map.of();

    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public org.planwatch.indicator.evaluation.Forecast forecast;

    @Column(name = "evaluated_at", nullable = false)
    public OffsetDateTime evaluatedAt;

    /**
     * Gives new evaluations their ids with one call to the sequence (ascending, in list order: the
     * id orders a target's evaluations of the same period). IDENTITY would cost a round trip per insert.
     */
    @SuppressWarnings("unchecked")
    public static void assignIds(java.util.List<Evaluation> evaluations) {
        java.util.List<Number> ids = getEntityManager()
                .createNativeQuery("select nextval('evaluation_id_seq') from generate_series(1, ?1) order by 1")
                .setParameter(1, evaluations.size())
                // A sequence read needs nothing flushed: an automatic flush here dirty-checked the whole poll's entities.
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                .getResultList();
        for (int i = 0; i < evaluations.size(); i++) {
            evaluations.get(i).id = ids.get(i).longValue();
        }
    }

    private static final String INSERT = """
            insert into evaluation (id, target_id, period, period_end, target_version, observation_id, observation_revision,
                actual, expected, gap, progress_ratio, status, explanation, terms, forecast, evaluated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)""";

    /**
     * Inserts new evaluations (their ids assigned) as one JDBC batch, now, in the caller's transaction. Evaluations
     * are written once and never changed, so they skip the persistence context: persisting them as entities (a
     * snapshot and a dirty check each, their JSON copied twice) cost a third of a month-end poll. Each target's
     * latest evaluation moves forward in the same transaction ({@link #advanceLatest}).
     */
    public static void insertAll(java.util.List<Evaluation> evaluations, com.fasterxml.jackson.databind.ObjectMapper json) {
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Evaluation evaluation : evaluations) {
                    insert.setLong(1, evaluation.id);
                    insert.setString(2, evaluation.targetId);
                    insert.setString(3, evaluation.period);
                    insert.setInt(4, evaluation.periodEnd);
                    insert.setInt(5, evaluation.targetVersion);
                    insert.setString(6, evaluation.observationId);
                    insert.setInt(7, evaluation.observationRevision);
                    insert.setObject(8, evaluation.actual, java.sql.Types.NUMERIC);
                    insert.setObject(9, evaluation.expected, java.sql.Types.NUMERIC);
                    insert.setObject(10, evaluation.gap, java.sql.Types.NUMERIC);
                    insert.setObject(11, evaluation.progressRatio, java.sql.Types.DOUBLE);
                    insert.setString(12, evaluation.status);
                    insert.setString(13, evaluation.explanation);
                    insert.setString(14, json.writeValueAsString(evaluation.terms == null ? java.util.Map.of() : evaluation.terms));
                    insert.setString(15, evaluation.forecast == null ? null : json.writeValueAsString(evaluation.forecast));
                    insert.setObject(16, evaluation.evaluatedAt);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an evaluation's terms or forecast cannot be written as JSON", e);
            }
            advanceLatest(connection, evaluations);
        });
    }

    /** Newest period first, then the newest evaluation of that period: what "latest" means everywhere. */
    static final java.util.Comparator<Evaluation> RECENCY = java.util.Comparator.<Evaluation>comparingInt(e -> e.periodEnd)
            .thenComparingLong(e -> e.id);

    /**
     * Makes each evaluation its target's latest when it is newer than the one recorded ({@code latest_evaluation}), in
     * one statement: the newest of the batch per target (an upsert may touch a row once), in target order so that two
     * transactions lock the rows they share in the same order.
     */
    private static void advanceLatest(java.sql.Connection connection, java.util.List<Evaluation> evaluations)
            throws java.sql.SQLException {
        java.util.TreeMap<String, Evaluation> newest = new java.util.TreeMap<>();
        for (Evaluation evaluation : evaluations) {
            newest.merge(evaluation.targetId, evaluation, java.util.function.BinaryOperator.maxBy(RECENCY));
        }
        java.util.Collection<Evaluation> rows = newest.values();
        try (java.sql.PreparedStatement upsert = connection.prepareStatement("""
                insert into latest_evaluation (target_id, evaluation_id, period_end, status, progress_ratio)
                select * from unnest(?, ?, ?, ?, ?)
                on conflict (target_id) do update set evaluation_id = excluded.evaluation_id,
                    period_end = excluded.period_end, status = excluded.status, progress_ratio = excluded.progress_ratio
                where (excluded.period_end, excluded.evaluation_id) > (latest_evaluation.period_end, latest_evaluation.evaluation_id)""")) {
            upsert.setArray(1, connection.createArrayOf("text", rows.stream().map(e -> e.targetId).toArray()));
            upsert.setArray(2, connection.createArrayOf("int8", rows.stream().map(e -> e.id).toArray()));
            upsert.setArray(3, connection.createArrayOf("int4", rows.stream().map(e -> e.periodEnd).toArray()));
            upsert.setArray(4, connection.createArrayOf("text", rows.stream().map(e -> e.status).toArray()));
            upsert.setArray(5, connection.createArrayOf("float8", rows.stream().map(e -> e.progressRatio).toArray()));
            upsert.executeUpdate();
        }
    }

    /**
     * How many active targets of a plan and region have a latest evaluation of a status; status null counts the active
     * targets not evaluated yet, so the rows add up to the active catalog.
     */
    public record StatusCount(String planId, String regionCode, String status, long targets) {
    }

    /**
     * {@link StatusCount}s of the whole active catalog in one GROUP BY, without loading an entity: at most plans ×
     * regions × statuses rows whatever the catalog size, from {@code latest_evaluation} (one hash join of two narrow
     * tables; looking up each target's newest evaluation took seconds at 570,000 targets).
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<StatusCount> latestStatusCounts() {
        java.util.List<Object[]> rows = getEntityManager().createNativeQuery("""
                select t.plan_id, t.region_code, l.status, count(*)
                from target t
                left join latest_evaluation l on l.target_id = t.id
                where t.retired_at is null
                group by t.plan_id, t.region_code, l.status""").getResultList();
        return rows.stream().map(row -> new StatusCount((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).longValue())).toList();
    }

    /**
     * The newest judged evaluation (newest period, then newest of that period; status other than NOT_JUDGED) of each
     * of {@code targetIds} that has one, by target id: one index walk per target.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Evaluation> latestJudgedOf(java.util.Collection<String> targetIds) {
        java.util.List<Evaluation> found = getEntityManager().createNativeQuery("""
                select e.* from unnest(cast(?1 as text[])) as chosen(id)
                cross join lateral (select * from evaluation where target_id = chosen.id and status <> 'NOT_JUDGED'
                                    order by period_end desc, id desc limit 1) e""", Evaluation.class)
                .setParameter(1, targetIds.toArray(String[]::new))
                .getResultList();
        java.util.Map<String, Evaluation> byTarget = new java.util.HashMap<>();
        found.forEach(evaluation -> byTarget.put(evaluation.targetId, evaluation));
        return byTarget;
    }

    /** The latest evaluation of each of {@code targetIds} (two key lookups per target, through latest_evaluation). */
    public static java.util.List<Evaluation> latestOf(java.util.Collection<String> targetIds) {
        return latestOf(targetIds, null);
    }

    /**
     * The latest evaluation of each of {@code targetIds} among those recorded at or before {@code knownAt}
     * (all of them when null): what was known then, since a figure is evaluated when it arrives.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<Evaluation> latestOf(java.util.Collection<String> targetIds, OffsetDateTime knownAt) {
        if (knownAt == null) {
            return getEntityManager().createNativeQuery("select e.* from unnest(cast(?1 as text[])) as chosen(id)"
                    + " join latest_evaluation l on l.target_id = chosen.id join evaluation e on e.id = l.evaluation_id", Evaluation.class)
                    .setParameter(1, targetIds.toArray(String[]::new))
                    .getResultList();
        }
        jakarta.persistence.Query query = getEntityManager().createNativeQuery(
                "select distinct on (target_id) * from evaluation where target_id = any(cast(?1 as text[])) "
                        + "and evaluated_at <= ?2 order by target_id, period_end desc, id desc", Evaluation.class)
                .setParameter(1, targetIds.toArray(String[]::new))
                .setParameter(2, knownAt);
        return query.getResultList();
    }

    /** The newest judged evaluation of a target for its deadline period or later (its verdict), or null. */
    public static Evaluation deadlineVerdict(String targetId, int deadlineEnd) {
        return Evaluation.<Evaluation>find("targetId = ?1 and periodEnd >= ?2 and status <> 'NOT_JUDGED'",
                io.quarkus.panache.common.Sort.descending("periodEnd", "id"), targetId, deadlineEnd).firstResult();
    }

    /** Whether any of {@code observationIds} was judged (not NOT_JUDGED) for the target. */
    public static boolean judgedAny(String targetId, java.util.Collection<String> observationIds) {
        return !observationIds.isEmpty() && count("targetId = ?1 and status <> 'NOT_JUDGED' and observationId in ?2",
                targetId, observationIds) > 0;
    }

    /**
     * For every target, how many reported periods in a row (newest first) ended in the status of
     * its latest evaluation (the latest revision of each period counts).
     */
    public static java.util.Map<String, Integer> statusPeriodsPerTarget() {
        return statusPeriods(null);
    }

    /** {@link #statusPeriodsPerTarget()} for some targets only. */
    public static java.util.Map<String, Integer> statusPeriodsOf(java.util.Collection<String> targetIds) {
        return statusPeriods(targetIds.toArray(String[]::new));
    }

    private static java.util.Map<String, Integer> statusPeriods(String[] targetIds) {
        jakarta.persistence.Query query = getEntityManager().createNativeQuery("""
                with per_period as (
                    select distinct on (target_id, period_end) target_id, period_end, status
                    from evaluation %s
                    order by target_id, period_end desc, id desc),
                ranked as (
                    select target_id, status, row_number() over w as rn, first_value(status) over w as current_status
                    from per_period window w as (partition by target_id order by period_end desc))
                select target_id, coalesce(min(rn) filter (where status <> current_status) - 1, count(*)) as periods
                from ranked group by target_id""".formatted(targetIds == null ? "" : "where target_id = any(cast(?1 as text[]))"));
        if (targetIds != null) {
            query.setParameter(1, targetIds);
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = query.getResultList();
        java.util.Map<String, Integer> periods = new java.util.HashMap<>();
        for (Object[] row : rows) {
            periods.put((String) row[0], ((Number) row[1]).intValue());
        }
        return periods;
    }
}
