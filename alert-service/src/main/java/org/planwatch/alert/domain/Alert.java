package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.planwatch.platform.events.AlertData;

/**
 * One alert per fingerprint (target + kind, or {@code indicator|region:OVERDUE_REPORT}), carried through firing →
 * acknowledged → resolved.
 */
@Entity
public class Alert extends PanacheEntityBase {

    /** From {@code alert_id_seq} fifty at a time (V5), so a batch's new rows are inserted together at the commit. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_ids")
    @SequenceGenerator(name = "alert_ids", sequenceName = "alert_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true)
    public String fingerprint;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String status;

    @Column(name = "target_id")
    public String targetId;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "lead_departments", nullable = false)
    public List<String> leadDepartments = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "cooperating_departments", nullable = false)
    public List<String> cooperatingDepartments = List.of();

    /** The default recipients: a target's lead departments, or a late report's bureau and office. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<AlertData.Recipient> recipients = List.of();

    @Column(nullable = false)
    public String period;

    /** The evaluation the alert currently rests on, and the target it concerns. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Snapshot evidence;

    /** Consecutive healthy evaluations seen while open; resolving needs the configured number. */
    @Column(name = "healthy_streak", nullable = false)
    public int healthyStreak;

    @Column(name = "first_seen", nullable = false)
    public OffsetDateTime firstSeen;

    @Column(name = "last_seen", nullable = false)
    public OffsetDateTime lastSeen;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledgement_comment")
    public String acknowledgementComment;

    /** A critical alert left unacknowledged past the configured time; the office above is told. */
    @Column(nullable = false)
    public boolean escalated;

    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;

    /** The supervision office of the region above that the escalation reached (e.g. 威海市督查室); a recipient from then on. */
    @Column(name = "escalated_to")
    public String escalatedTo;

    /** Reminders of this opening sent so far, and when the next one is due while it stays unacknowledged. */
    @Column(name = "reminders_sent", nullable = false)
    public int remindersSent;

    @Column(name = "next_reminder_at")
    public OffsetDateTime nextReminderAt;

    /** A target's evaluation ({@code target}, {@code evidence}) or, for OVERDUE_REPORT, the late periods ({@code report}). */
    public record Snapshot(AlertData.TargetRef target, AlertData.Evidence evidence, AlertData.ReportEvidence report) {
    }

    public boolean isOpen() {
        return !"RESOLVED".equals(status);
    }

    public static Optional<Alert> byFingerprint(String fingerprint) {
        return find("fingerprint", fingerprint).firstResultOptional();
    }

    /**
     * The alerts with some fingerprints, locked for this transaction in fingerprint order, by fingerprint (one query;
     * native with an array, because Hibernate translates a query with an IN list anew for every list size).
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Alert> lockByFingerprint(java.util.Collection<String> fingerprints) {
        java.util.Map<String, Alert> byFingerprint = new java.util.HashMap<>();
        ((List<Alert>) getEntityManager().createNativeQuery(
                "select * from alert where fingerprint = any(cast(?1 as text[])) order by fingerprint for update", Alert.class)
                .setParameter(1, fingerprints.toArray(String[]::new))
                .getResultList())
                .forEach(alert -> byFingerprint.put(alert.fingerprint, alert));
        return byFingerprint;
    }
}
