package org.planwatch.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import org.hibernate.Session;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Latest revisions are read this many figures at a time (one query instead of one per figure). */
    private static final int LOOKUP_BATCH = 1_000;

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

    /**
     * Stores every input in one transaction (joining the caller's if there is one), a thousand
     * figures at a time: one statement locks them, one reads their latest revisions, and the new
     * revisions and their outbox events are written as JDBC batches — a few round trips per
     * thousand figures rather than several per figure.
     */
    @Transactional
    public List<UploadResult.Accepted> storeAll(List<ObservationInput> inputs, String source, String postedBy) {
        List<UploadResult.Accepted> accepted = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += LOOKUP_BATCH) {
            List<ObservationInput> batch = inputs.subList(from, Math.min(inputs.size(), from + LOOKUP_BATCH));
            Map<String, Latest> latest = lockAndReadLatest(batch);
            List<Observation> revisions = new ArrayList<>(batch.size());
            List<Outbox.Pending> events = new ArrayList<>(batch.size());
            for (ObservationInput input : batch) {
                accepted.add(store(input, source, postedBy, latest, revisions, events));
            }
            insert(revisions);
            outbox.publishAll(events);
        }
        return accepted;
    }

    /** The latest stored revision of a figure: what a new value is compared with. */
    private record Latest(int revision, java.math.BigDecimal value, String unit, String basis) {
    }

    /**
     * Locks the figures (in id order, so two uploads never wait on each other crosswise) — which
     * serialises concurrent uploads of the same figure, so revisions are numbered without gaps or
     * clashes — then reads their latest revisions in one query.
     */
    private Map<String, Latest> lockAndReadLatest(List<ObservationInput> batch) {
        String[] ids = batch.stream().map(ObservationInput::observationId).distinct().sorted().toArray(String[]::new);
        entityManager.createNativeQuery("select count(pg_advisory_xact_lock(hashtext(id))) from "
                + "(select id from unnest(cast(?1 as text[])) as id order by id) as ordered").setParameter(1, ids).getSingleResult();
        Map<String, Latest> latest = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select distinct on (observation_id) observation_id, revision, value, unit, basis "
                + "from observation where observation_id = any(cast(?1 as text[])) order by observation_id, revision desc")
                .setParameter(1, ids).getResultList();
        for (Object[] row : rows) {
            latest.put((String) row[0], new Latest(((Number) row[1]).intValue(), (java.math.BigDecimal) row[2], (String) row[3],
                    (String) row[4]));
        }
        return latest;
    }

    private UploadResult.Accepted store(ObservationInput input, String source, String postedBy, Map<String, Latest> latestOf,
            List<Observation> revisions, List<Outbox.Pending> events) {
        String observationId = input.observationId();
        Optional<Latest> latest = Optional.ofNullable(latestOf.get(observationId));
        if (latest.isPresent() && latest.get().value().compareTo(input.value()) == 0 && latest.get().unit().equals(input.unit())
                && latest.get().basis().equals(input.basis())) {
            count("unchanged", 1);
            return accepted(input, latest.get().revision(), "unchanged");
        }
        Observation observation = new Observation();
        observation.observationId = observationId;
        observation.indicatorCode = input.indicator();
        observation.regionCode = input.region();
        observation.period = input.period().toString();
        observation.periodEnd = input.period().endMonth();
        observation.revision = latest.map(o -> o.revision() + 1).orElse(1);
        observation.value = input.value();
        observation.unit = input.unit();
        observation.basis = input.basis();
        observation.source = input.source() != null ? input.source() : source;
        // PostgreSQL keeps microseconds: the published time must be the stored one, or asOf would miss it.
        observation.receivedAt = OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        observation.postedBy = postedBy;
        revisions.add(observation);
        latestOf.put(observationId, new Latest(observation.revision, observation.value, observation.unit, observation.basis));
        ObservationData data = new ObservationData(observationId, observation.indicatorCode, observation.regionCode,
                observation.period, observation.value, observation.unit, observation.basis, observation.revision,
                observation.source, observation.receivedAt, observation.postedBy);
        events.add(new Outbox.Pending(Topics.OBSERVATIONS, data.seriesKey(),
                codec.envelope(SOURCE, Topics.OBSERVATION_TYPE, observationId, observation.receivedAt, data)));
        String outcome = observation.revision == 1 ? "created" : "revised";
        count(outcome, 1);
        return accepted(input, observation.revision, outcome);
    }

    private void insert(List<Observation> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into observation (observation_id, indicator_code, "
                    + "region_code, period, period_end, revision, value, unit, basis, source, received_at, posted_by) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Observation o : revisions) {
                    insert.setString(1, o.observationId);
                    insert.setString(2, o.indicatorCode);
                    insert.setString(3, o.regionCode);
                    insert.setString(4, o.period);
                    insert.setInt(5, o.periodEnd);
                    insert.setInt(6, o.revision);
                    insert.setBigDecimal(7, o.value);
                    insert.setString(8, o.unit);
                    insert.setString(9, o.basis);
                    insert.setString(10, o.source);
                    insert.setObject(11, o.receivedAt);
                    insert.setString(12, o.postedBy);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
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
