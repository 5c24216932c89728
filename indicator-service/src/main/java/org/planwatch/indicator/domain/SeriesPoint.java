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

    public static List<SeriesPoint> series(String indicatorCode, String regionCode) {
        return list("id.indicatorCode = ?1 and id.regionCode = ?2", Sort.by("periodEnd").and("firstMonth"),
                indicatorCode, regionCode);
    }
}
