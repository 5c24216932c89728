package org.planwatch.indicator.service;

import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.domain.Target;

/**
 * Loads the plans, indicators and regions some targets refer to with one query each, read-only,
 * into the transaction's persistence context: the evaluations' lookups of them by id are then
 * answered from memory instead of one query per evaluation.
 */
final class CatalogRefs {

    private CatalogRefs() {
    }

    static void load(List<Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        load("plan", "id", Plan.class, ids(targets, t -> t.planId));
        load("indicator", "code", Indicator.class, ids(targets, t -> t.indicatorCode));
        load("region", "code", Region.class, ids(targets, t -> t.regionCode));
    }

    /** Native, with an array: Hibernate translates a query with an IN list anew for every list size (most of this CPU). */
    private static void load(String table, String key, Class<?> entity, String[] ids) {
        Plan.getEntityManager().createNativeQuery("select * from " + table + " where " + key + " = any(cast(?1 as text[]))", entity)
                .setParameter(1, ids)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    private static String[] ids(List<Target> targets, java.util.function.Function<Target, String> id) {
        return targets.stream().map(id).distinct().toArray(String[]::new);
    }
}
