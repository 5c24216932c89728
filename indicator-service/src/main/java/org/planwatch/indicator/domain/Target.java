package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a plan promises for one indicator in one region, and where the plan says so. */
@Entity
public class Target extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    /** {@code >=} (达到, 突破, 以上) or {@code <=} (控制在, 以下). */
    @Column(nullable = false)
    public String comparator;

    @Column(name = "target_value", nullable = false)
    public BigDecimal targetValue;

    @Column(nullable = false)
    public String unit;

    /** {@code YYYY} (the end of that year) or {@code YYYY-MM} (the end of that month). */
    @Column(nullable = false)
    public String deadline;

    @Column(nullable = false)
    public String trajectory;

    @Column(name = "growth_kind")
    public String growthKind;

    @Column(name = "start_period")
    public String startPeriod;

    @Column(name = "baseline_value")
    public BigDecimal baselineValue;

    @Column(name = "baseline_period")
    public String baselinePeriod;

    @Column(name = "baseline_quote")
    public String baselineQuote;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "lead_departments", nullable = false)
    public List<String> leadDepartments = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "cooperating_departments", nullable = false)
    public List<String> cooperatingDepartments = List.of();

    @Column(name = "source_quote", nullable = false)
    public String sourceQuote;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> notes = List.of();

    /** Incremented whenever the plan changes this target; earlier versions are in target_version. */
    @Column(nullable = false)
    public int version = 1;

    /** Set when a new version of the plan no longer has this target; kept for its evaluations. */
    @Column(name = "retired_at")
    public java.time.OffsetDateTime retiredAt;

    /** The live targets of a series (indicator × region). */
    /** The active targets of several series, in one query, read-only (evaluating a figure does not change its targets). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<SeriesPoint.SeriesKey, List<Target>> activeForSeries(java.util.Collection<SeriesPoint.SeriesKey> keys) {
        List<Target> targets = getEntityManager().createNativeQuery("""
                select * from target
                where (indicator_code, region_code) in (select * from unnest(cast(?1 as text[]), cast(?2 as text[])))
                  and retired_at is null
                order by id""", Target.class)
                .setParameter(1, keys.stream().map(SeriesPoint.SeriesKey::indicatorCode).toArray(String[]::new))
                .setParameter(2, keys.stream().map(SeriesPoint.SeriesKey::regionCode).toArray(String[]::new))
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        java.util.Map<SeriesPoint.SeriesKey, List<Target>> bySeries = new java.util.HashMap<>();
        for (Target target : targets) {
            bySeries.computeIfAbsent(new SeriesPoint.SeriesKey(target.indicatorCode, target.regionCode),
                    k -> new java.util.ArrayList<>()).add(target);
        }
        return bySeries;
    }

    public static List<Target> forSeries(String indicatorCode, String regionCode) {
        return list("indicatorCode = ?1 and regionCode = ?2 and retiredAt is null", indicatorCode, regionCode);
    }
}
