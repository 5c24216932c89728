package org.planwatch.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/** One revision (vintage) of a figure posted by a bureau. */
@Entity
public class Observation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code indicator|region|period}: the same for every revision of the figure. */
    @Column(name = "observation_id", nullable = false)
    public String observationId;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public String period;

    @Column(name = "period_end", nullable = false)
    public int periodEnd;

    @Column(nullable = false)
    public int revision;

    @Column(nullable = false)
    public BigDecimal value;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public String basis;

    @Column(nullable = false)
    public String source;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    /** The {@code upn} of the token that posted this revision; null for revisions stored before tokens were required. */
    @Column(name = "posted_by")
    public String postedBy;

    public static String idOf(String indicator, String region, String period) {
        return indicator + "|" + region + "|" + period;
    }

    public static Optional<Observation> latestRevision(String observationId) {
        return find("observationId", Sort.descending("revision"), observationId).firstResultOptional();
    }
}
