package org.planwatch.indicator.service;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.function.Function;
import org.planwatch.indicator.rest.CatalogViews.Progress;

/**
 * The progress views' answers, kept until something they count changes: a leader's dashboard, the console's plan pages
 * and supervision reports ask for the same counts again and again, and each is an aggregate over every target it
 * covers (the whole catalog's over all of them). Requests for a view being computed wait for that one computation. An
 * evaluation or plan change committed by this replica drops every answer at once; one committed by another replica
 * reaches this one's answers when they expire ({@code quarkus.cache.caffeine."progress".expire-after-write}).
 */
@ApplicationScoped
public class ProgressCache {

    /** What a progress view is asked for: plan and/or region (null for all), and how many of the worst to list. */
    public record Query(String planId, String regionCode, int limit) {
    }

    private final Cache cache;

    public ProgressCache(@CacheName("progress") Cache cache) {
        this.cache = cache;
    }

    /** The answer to {@code query}, computed by {@code compute} (on the calling thread) when none is kept. */
    public Progress get(Query query, Function<Query, Progress> compute) {
        return cache.get(query, compute).await().indefinitely();
    }

    void afterEvaluations(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationService.EvaluationsRecorded recorded) {
        cache.invalidateAll().await().indefinitely();
    }

    void afterPlanChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlanService.PlanChange change) {
        cache.invalidateAll().await().indefinitely();
    }
}
