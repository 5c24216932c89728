package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/** The latest revision of one figure of a series (indicator × region), as received from ingest-service. */
@Entity
@Table(name = "series_point")
public class SeriesPoint extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "indicator_code") String indicatorCode, @Column(name = "region_code") String regionCode,
            @Column(name = "period") String period) implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "period_end", nullable = false)
    public int periodEnd;

    @Column(name = "first_month", nullable = false)
    public int firstMonth;

    @Column(nullable = false)
    public BigDecimal value;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public String basis;

    @Column(name = "observation_id", nullable = false)
    public String observationId;

    @Column(nullable = false)
    public int revision;

    /** A series: one indicator in one region. */
    public record SeriesKey(String indicatorCode, String regionCode) {
        public static SeriesKey of(org.planwatch.platform.events.ObservationData observation) {
            return new SeriesKey(observation.indicator(), observation.region());
        }
    }

    /** Period order: by last month, then first month (2024-01..02 before 2024-03). */
    public static final java.util.Comparator<SeriesPoint> IN_PERIOD_ORDER =
            java.util.Comparator.<SeriesPoint>comparingInt(p -> p.periodEnd).thenComparingInt(p -> p.firstMonth);

    /**
     * The points of several series in one query, locked for this transaction (a revision of a
     * figure and its evaluation cannot interleave with another of the same series), each series in period order.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<SeriesKey, List<SeriesPoint>> lockSeries(java.util.Collection<SeriesKey> keys) {
        List<SeriesPoint> points = getEntityManager().createNativeQuery("""
                select * from series_point
                where (indicator_code, region_code) in (select * from unnest(cast(?1 as text[]), cast(?2 as text[])))
                order by indicator_code, region_code, period_end, first_month
                for update""", SeriesPoint.class)
                .setParameter(1, keys.stream().map(SeriesKey::indicatorCode).toArray(String[]::new))
                .setParameter(2, keys.stream().map(SeriesKey::regionCode).toArray(String[]::new))
                .getResultList();
        java.util.Map<SeriesKey, List<SeriesPoint>> series = new java.util.HashMap<>();
        for (SeriesPoint point : points) {
            series.computeIfAbsent(new SeriesKey(point.id.indicatorCode(), point.id.regionCode()),
                    k -> new java.util.ArrayList<>()).add(point);
        }
        return series;
    }

    public static List<SeriesPoint> series(String indicatorCode, String regionCode) {
        return list("id.indicatorCode = ?1 and id.regionCode = ?2", Sort.by("periodEnd").and("firstMonth"),
                indicatorCode, regionCode);
    }
}
