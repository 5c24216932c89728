package org.planwatch.indicator.service;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
        Plan.find("id in ?1", ids(targets, t -> t.planId)).withHint(HibernateHints.HINT_READ_ONLY, true).list();
        Indicator.find("code in ?1", ids(targets, t -> t.indicatorCode)).withHint(HibernateHints.HINT_READ_ONLY, true).list();
        Region.find("code in ?1", ids(targets, t -> t.regionCode)).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    private static Set<String> ids(List<Target> targets, java.util.function.Function<Target, String> id) {
        return targets.stream().map(id).collect(Collectors.toSet());
    }
}
