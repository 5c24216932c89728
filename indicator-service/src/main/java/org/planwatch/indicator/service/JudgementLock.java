package org.planwatch.indicator.service;

import org.planwatch.indicator.domain.Evaluation;

/**
 * Keeps a deadline sweep's page and the evaluation of figures apart: a PostgreSQL advisory lock held for the
 * transaction, shared by every transaction that evaluates figures (they do not wait for each other) and taken alone
 * by a sweep page. Without it a figure's evaluation committed between the sweep's read of a target and the sweep's
 * commit (ACHIEVED in the deadline year, or before it with nothing yet to supersede) would be outranked by a MISSED
 * verdict resting on the figures known before it. Both sides take it first in their transaction, so neither waits
 * for a lock while holding another the other side needs; a sweep waits at most for the batches in flight, and a batch
 * at most for one page.
 */
final class JudgementLock {

    /** The advisory lock's key ("judgemnt"); {@link DeadlineSweep#SWEEP_LOCK} is another key. */
    static final long KEY = 0x6a756467656d6e74L;

    private JudgementLock() {
    }

    /** Taken by a transaction about to evaluate figures: waits while a sweep page is being judged. */
    static void holdForEvaluation() {
        Evaluation.getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(?1)").setParameter(1, KEY)
                .getSingleResult();
    }

    /** Taken by a sweep page: waits for the evaluations in flight and holds off new ones until its commit. */
    static void holdForSweep() {
        Evaluation.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, KEY)
                .getSingleResult();
    }
}
