package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One judgement of a target for one period, naming the observation revision it used. */
@Entity
public class Evaluation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    /** The latest evaluation of every target: newest period, then newest revision of it. */
    @SuppressWarnings("unchecked")
    public static java.util.List<Evaluation> latestPerTarget() {
        return getEntityManager().createNativeQuery(
                "select distinct on (target_id) * from evaluation order by target_id, period_end desc, id desc",
                Evaluation.class).getResultList();
    }
}
