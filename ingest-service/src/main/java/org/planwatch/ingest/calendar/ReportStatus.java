package org.planwatch.ingest.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A figure the check found overdue, and whether its late arrival was published. */
@Entity
@Table(name = "report_status")
public class ReportStatus extends PanacheEntityBase {

    public static final String OVERDUE = "OVERDUE";
    public static final String RECEIVED = "RECEIVED";

    /** {@code indicator|region|period}. */
    @Id
    @Column(name = "report_key")
    public String reportKey;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public String period;

    @Column(name = "indicator_name_zh", nullable = false)
    public String indicatorNameZh;

    @Column(name = "region_name_zh", nullable = false)
    public String regionNameZh;

    @Column(nullable = false)
    public String frequency;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(nullable = false)
    public String status;

    @Column(name = "overdue_at", nullable = false)
    public OffsetDateTime overdueAt;

    @Column(name = "observation_id")
    public String observationId;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "received_noted_at")
    public OffsetDateTime receivedNotedAt;
}
