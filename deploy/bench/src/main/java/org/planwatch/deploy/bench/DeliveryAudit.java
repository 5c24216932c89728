package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Compares what the fault drill posted with what the system holds: ingest-service's stored
 * figures, indicator-service's evaluations, alert-service's alerts (through its API) and the
 * events read from the three topics. An event id read twice is at-least-once delivery and
 * harmless; a figure, evaluation or alert stored (or published under new ids) twice is a duplicate.
 */
final class DeliveryAudit implements Consumer<ConsumerRecord<String, String>> {

    /** What one audit found; {@link #clean()} is the drill's pass condition. */
    record Findings(long lostStored, long lostEvaluated, long lostEvents, long duplicatedStored, long duplicatedEvaluated,
            long duplicatedEvents, int alertsExpected, int alertsFound, int alertsDuplicated, int alertsUnexpected, String detail) {

        long lost() {
            return lostStored + lostEvaluated + lostEvents;
        }

        long duplicated() {
            return duplicatedStored + duplicatedEvaluated + duplicatedEvents + alertsDuplicated;
        }

        boolean clean() {
            return lost() == 0 && duplicated() == 0 && alertsFound == alertsExpected && alertsUnexpected == 0;
        }
    }

    private final ObjectMapper json;
    private final BenchDatabase database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String alertsUrl;
    private final String authorization;

    /** observationId#revision → event ids it was published under (planwatch.observations). */
    private final Map<String, Set<String>> observationEvents = new ConcurrentHashMap<>();
    /** evaluation id → event ids (planwatch.evaluations). */
    private final Map<Long, Set<String>> evaluationEvents = new ConcurrentHashMap<>();
    /** alert id → event ids of its OPENED change (planwatch.alerts). */
    private final Map<Long, Set<String>> openedEvents = new ConcurrentHashMap<>();

    DeliveryAudit(ObjectMapper json, BenchDatabase database, String alertsUrl, String authorization) {
        this.json = json;
        this.database = database;
        this.alertsUrl = alertsUrl;
        this.authorization = authorization;
    }

    /** Called by the {@link EventWatcher} for every record of the three topics. */
    @Override
    public void accept(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = json.readTree(record.value());
            String id = event.path("id").asText();
            JsonNode data = event.path("data");
            switch (record.topic()) {
                case "planwatch.observations" -> observationEvents.computeIfAbsent(
                        data.path("observationId").asText() + "#" + data.path("revision").asInt(), k -> ConcurrentHashMap.newKeySet()).add(id);
                case "planwatch.evaluations" -> evaluationEvents.computeIfAbsent(
                        data.path("evaluationId").asLong(), k -> ConcurrentHashMap.newKeySet()).add(id);
                case "planwatch.alerts" -> {
                    if ("OPENED".equals(data.path("change").asText())) {
                        openedEvents.computeIfAbsent(data.path("alertId").asLong(), k -> ConcurrentHashMap.newKeySet()).add(id);
                    }
                }
                default -> { }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(record.topic() + " carries an event that is not JSON: " + e.getMessage(), e);
        }
    }

    /** One comparison of everything posted so far; throws when the database or the alert API does not answer. */
    Findings audit(FigureStream stream) throws SQLException, IOException, InterruptedException {
        Set<String> accepted = new HashSet<>();
        stream.acceptedRevisions.forEach((id, revisions) -> revisions.forEach(revision -> accepted.add(id + "#" + revision)));
        StringBuilder detail = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            Set<String> stored = new HashSet<>();
            long storedRows = 0;
            try (ResultSet rows = statement.executeQuery(
                    "select observation_id, revision from ingest.observation where indicator_code like 'bench\\_%'")) {
                while (rows.next()) {
                    stored.add(rows.getString(1) + "#" + rows.getInt(2));
                    storedRows++;
                }
            }
            long lostStored = accepted.stream().filter(id -> !stored.contains(id)).count();
            long duplicatedStored = (storedRows - stored.size()) + stored.stream().filter(id -> !accepted.contains(id)).count()
                    + stream.unexpectedRevisions.get();

            Map<String, Integer> evaluated = new HashMap<>();
            Set<Long> evaluationIds = new HashSet<>();
            try (ResultSet rows = statement.executeQuery(
                    "select id, observation_id, observation_revision from indicator.evaluation where observation_id like 'bench\\_%'")) {
                while (rows.next()) {
                    evaluationIds.add(rows.getLong(1));
                    evaluated.merge(rows.getString(2) + "#" + rows.getInt(3), 1, Integer::sum);
                }
            }
            long lostEvaluated = accepted.stream().filter(id -> !evaluated.containsKey(id)).count();
            long duplicatedEvaluated = evaluated.values().stream().mapToLong(count -> count - 1L).sum();

            Set<String> observationsConsumed = eventIds(statement, "indicator");
            Set<String> evaluationsConsumed = eventIds(statement, "alert");
            Set<Long> alertIds = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("select id from alert.alert where target_id like 'bench-%'")) {
                while (rows.next()) {
                    alertIds.add(rows.getLong(1));
                }
            }
            long observationsNotPublished = stored.stream().filter(id -> !observationEvents.containsKey(id)).count();
            long observationsNotConsumed = observationEvents.values().stream().flatMap(Set::stream)
                    .filter(id -> !observationsConsumed.contains(id)).count();
            long evaluationsNotPublished = evaluationIds.stream().filter(id -> !evaluationEvents.containsKey(id)).count();
            long evaluationsNotConsumed = evaluationEvents.values().stream().flatMap(Set::stream)
                    .filter(id -> !evaluationsConsumed.contains(id)).count();
            long alertsNotPublished = alertIds.stream().filter(id -> !openedEvents.containsKey(id)).count();
            long lostEvents = observationsNotPublished + observationsNotConsumed + evaluationsNotPublished
                    + evaluationsNotConsumed + alertsNotPublished;
            long duplicatedEvents = observationEvents.values().stream().filter(ids -> ids.size() > 1).count()
                    + evaluationEvents.values().stream().filter(ids -> ids.size() > 1).count()
                    + openedEvents.values().stream().filter(ids -> ids.size() > 1).count();
            if (lostEvents > 0) {
                detail.append(String.format("events lost: observations %d unpublished / %d unconsumed, evaluations %d / %d, "
                        + "alerts %d unpublished; ", observationsNotPublished, observationsNotConsumed, evaluationsNotPublished,
                        evaluationsNotConsumed, alertsNotPublished));
            }

            Map<String, Integer> alerts = lagAlerts();
            Set<String> expected = stream.alertingTargets;
            int found = (int) expected.stream().filter(target -> alerts.containsKey(target + ":LAG")).count();
            int duplicated = alerts.values().stream().mapToInt(count -> count - 1).sum();
            int unexpected = (int) alerts.keySet().stream()
                    .filter(fingerprint -> !expected.contains(fingerprint.substring(0, fingerprint.length() - ":LAG".length()))).count();
            return new Findings(lostStored, lostEvaluated, lostEvents, duplicatedStored, duplicatedEvaluated, duplicatedEvents,
                    expected.size(), found, duplicated, unexpected, detail.toString());
        }
    }

    private static Set<String> eventIds(Statement statement, String schema) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet rows = statement.executeQuery("select event_id from " + schema + ".processed_event")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** The LAG alerts of the drill's targets as alert-service's API lists them: fingerprint → how many times. */
    private Map<String, Integer> lagAlerts() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(java.net.URI.create(alertsUrl + "/api/v1/alerts?kind=LAG"))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v1/alerts answered " + response.statusCode());
        }
        Map<String, Integer> alerts = new HashMap<>();
        for (JsonNode alert : json.readTree(response.body())) {
            String fingerprint = alert.path("fingerprint").asText();
            if (fingerprint.startsWith("bench-")) {
                alerts.merge(fingerprint, 1, Integer::sum);
            }
        }
        return alerts;
    }
}
