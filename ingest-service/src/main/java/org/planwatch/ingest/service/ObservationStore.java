package org.planwatch.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.planwatch.ingest.domain.Observation;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.outbox.Outbox;

/**
 * Stores validated figures as new revisions and publishes each through the outbox in the same
 * transaction; a figure posted again with the same value changes nothing. The one store path of
 * the JSON API and of file uploads (which call it once per chunk of rows).
 */
@ApplicationScoped
public class ObservationStore {

    private static final String SOURCE = "/planwatch/ingest-service";
    /** Entities are detached this often, so a large all-or-nothing upload does not grow the session without bound. */
    private static final int CLEAR_EVERY = 1_000;

    private final Outbox outbox;
    private final EventCodec codec;
    private final Clock clock;
    private final MeterRegistry registry;
    private final EntityManager entityManager;

    public ObservationStore(Outbox outbox, EventCodec codec, Clock clock, MeterRegistry registry, EntityManager entityManager) {
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.registry = registry;
        this.entityManager = entityManager;
    }

    /** Stores every input in one transaction (joining the caller's if there is one). */
    @Transactional
    public List<UploadResult.Accepted> storeAll(List<ObservationInput> inputs, String source) {
        List<UploadResult.Accepted> accepted = new ArrayList<>(inputs.size());
        for (ObservationInput input : inputs) {
            accepted.add(store(input, source));
            if (accepted.size() % CLEAR_EVERY == 0) {
                entityManager.flush();
                entityManager.clear();
            }
        }
        return accepted;
    }

    private UploadResult.Accepted store(ObservationInput input, String source) {
        String observationId = input.observationId();
        // Serialises concurrent uploads of the same figure, so revisions are numbered without gaps or clashes.
        Observation.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, observationId).getSingleResult();
        Optional<Observation> latest = Observation.latestRevision(observationId);
        if (latest.isPresent() && latest.get().value.compareTo(input.value()) == 0 && latest.get().unit.equals(input.unit())
                && latest.get().basis.equals(input.basis())) {
            count("unchanged", 1);
            return accepted(input, latest.get().revision, "unchanged");
        }
        Observation observation = new Observation();
        observation.observationId = observationId;
        observation.indicatorCode = input.indicator();
        observation.regionCode = input.region();
        observation.period = input.period().toString();
        observation.periodEnd = input.period().endMonth();
        observation.revision = latest.map(o -> o.revision + 1).orElse(1);
        observation.value = input.value();
        observation.unit = input.unit();
        observation.basis = input.basis();
        observation.source = input.source() != null ? input.source() : source;
        // PostgreSQL keeps microseconds: the published time must be the stored one, or asOf would miss it.
        observation.receivedAt = OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        observation.persist();
        ObservationData data = new ObservationData(observationId, observation.indicatorCode, observation.regionCode,
                observation.period, observation.value, observation.unit, observation.basis, observation.revision,
                observation.source, observation.receivedAt);
        outbox.publish(Topics.OBSERVATIONS, data.seriesKey(),
                codec.envelope(SOURCE, Topics.OBSERVATION_TYPE, observationId, observation.receivedAt, data));
        String outcome = observation.revision == 1 ? "created" : "revised";
        count(outcome, 1);
        return accepted(input, observation.revision, outcome);
    }

    private static UploadResult.Accepted accepted(ObservationInput input, int revision, String outcome) {
        return new UploadResult.Accepted(input.index(), input.observationId(), input.indicator(), input.region(),
                input.period().toString(), revision, outcome);
    }

    /** Counts rows of a file upload that were rejected (the JSON API counts its own). */
    public void countRejected(long rows) {
        count("rejected", rows);
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("planwatch.ingest.observations", "outcome", outcome).increment(amount);
        }
    }
}
