package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.OffsetDateTime;

/** One alert change sent (or being sent) to one subscription's webhook: PENDING → DELIVERED or FAILED. */
@Entity
public class Delivery extends PanacheEntityBase {

    /** From {@code delivery_id_seq} fifty at a time (V5), so a batch's new rows are inserted together at the commit. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_ids")
    @SequenceGenerator(name = "delivery_ids", sequenceName = "delivery_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "alert_id", nullable = false)
    public Long alertId;

    @Column(name = "subscription_id", nullable = false)
    public Long subscriptionId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String change;

    /** The CloudEvents JSON of the change, byte for byte what is signed and sent. */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "give_up_at", nullable = false)
    public OffsetDateTime giveUpAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;
}
