package org.planwatch.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The latest period (and evaluation) seen for a target. */
@Entity
@Table(name = "target_watermark")
public class TargetWatermark extends PanacheEntityBase {

    @Id
    @Column(name = "target_id")
    public String targetId;

    @Column(name = "period_end", nullable = false)
    public int periodEnd;

    @Column(name = "evaluation_id", nullable = false)
    public long evaluationId;

    /** The watermarks of some targets, locked for this transaction in target order, by target id (one native query). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, TargetWatermark> lockAll(java.util.Collection<String> targetIds) {
        java.util.Map<String, TargetWatermark> byTarget = new java.util.HashMap<>();
        ((java.util.List<TargetWatermark>) getEntityManager().createNativeQuery(
                "select * from target_watermark where target_id = any(cast(?1 as text[])) order by target_id for update",
                TargetWatermark.class)
                .setParameter(1, targetIds.toArray(String[]::new))
                .getResultList())
                .forEach(watermark -> byTarget.put(watermark.targetId, watermark));
        return byTarget;
    }
}
