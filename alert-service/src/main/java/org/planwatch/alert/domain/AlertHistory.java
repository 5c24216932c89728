package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.OffsetDateTime;

/** One change of an alert: OPENED, REOPENED, SEVERITY_CHANGED, ACKNOWLEDGED, ESCALATED, RESOLVED. */
@Entity
@jakarta.persistence.Table(name = "alert_history")
public class AlertHistory extends PanacheEntityBase {

    /** From {@code alert_history_id_seq} fifty at a time (V5), so a batch's new rows are inserted together at the commit. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_history_ids")
    @SequenceGenerator(name = "alert_history_ids", sequenceName = "alert_history_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "alert_id", nullable = false)
    public Long alertId;

    @Column(nullable = false)
    public String change;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String status;

    @Column(name = "evaluation_id")
    public Long evaluationId;

    public String period;

    /** Who acknowledged (for ACKNOWLEDGED), and what they said. */
    public String actor;

    public String comment;

    @Column(nullable = false)
    public OffsetDateTime at;
}
