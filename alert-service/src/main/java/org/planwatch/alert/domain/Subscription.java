package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An office or department that wants some alerts (empty filter = all), optionally by signed webhook. */
@Entity
public class Subscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String recipient;

    @Column(name = "recipient_type", nullable = false)
    public String recipientType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> regions = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> plans = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> departments = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> kinds = List.of();

    @Column(name = "min_severity", nullable = false)
    public String minSeverity;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** Shared secret of the webhook signature; write-only through the API. */
    @Column(name = "webhook_secret")
    public String webhookSecret;

    @Column(name = "include_resolutions", nullable = false)
    public boolean includeResolutions;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    public boolean hasWebhook() {
        return webhookUrl != null;
    }

    public static List<Subscription> active() {
        return list("deletedAt is null", Sort.by("id"));
    }
}
