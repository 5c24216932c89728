package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;

/** One version of a target as the plan stated it, kept when the plan changes. */
@Entity
@Table(name = "target_version")
public class TargetVersion extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "target_id") String targetId, @Column(name = "version") int version)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public TargetEntry definition;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
