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

    /**
     * The watermarks of some targets, locked for this transaction in target order, by target id (one native query).
     * Read-only: what changes is written back by {@link #saveAll}, one statement for them all.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, TargetWatermark> lockAll(java.util.Collection<String> targetIds) {
        java.util.Map<String, TargetWatermark> byTarget = new java.util.HashMap<>();
        ((java.util.List<TargetWatermark>) getEntityManager().createNativeQuery(
                "select * from target_watermark where target_id = any(cast(?1 as text[])) order by target_id for update",
                TargetWatermark.class)
                .setParameter(1, targetIds.toArray(String[]::new))
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList())
                .forEach(watermark -> byTarget.put(watermark.targetId, watermark));
        return byTarget;
    }

    /**
     * Writes watermarks, new or advanced, with one upsert over arrays: an UPDATE statement per target (a JDBC batch
     * of them) cost the database a statement each, and every evaluation advances one.
     */
    public static void saveAll(java.util.Collection<TargetWatermark> watermarks) {
        if (watermarks.isEmpty()) {
            return;
        }
        String[] targets = new String[watermarks.size()];
        Integer[] periodEnds = new Integer[watermarks.size()];
        Long[] evaluations = new Long[watermarks.size()];
        int i = 0;
        for (TargetWatermark watermark : watermarks) {
            targets[i] = watermark.targetId;
            periodEnds[i] = watermark.periodEnd;
            evaluations[i++] = watermark.evaluationId;
        }
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement upsert = connection.prepareStatement("""
                    insert into target_watermark (target_id, period_end, evaluation_id)
                    select * from unnest(?, ?, ?)
                    on conflict (target_id) do update set period_end = excluded.period_end, evaluation_id = excluded.evaluation_id""")) {
                upsert.setArray(1, connection.createArrayOf("text", targets));
                upsert.setArray(2, connection.createArrayOf("int4", periodEnds));
                upsert.setArray(3, connection.createArrayOf("int8", evaluations));
                upsert.executeUpdate();
            }
        });
    }
}
