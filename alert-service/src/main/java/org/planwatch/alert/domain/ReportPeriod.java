package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The reporting calendar's latest verdict on one due figure: OVERDUE, or RECEIVED (for good). */
@Entity
@Table(name = "report_period")
public class ReportPeriod extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    public String frequency;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(nullable = false)
    public String status;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "checked_at", nullable = false)
    public OffsetDateTime checkedAt;

    @Column(name = "observation_id")
    public String observationId;

    @Embeddable
    public record Key(
            @Column(name = "indicator_code") String indicatorCode,
            @Column(name = "region_code") String regionCode,
            @Column(name = "period") String period) implements Serializable {
    }
}
