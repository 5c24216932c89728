package org.planwatch.alert.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.delivery.DeliveryStore.Claimed;
import org.planwatch.alert.delivery.DeliveryStore.Outcome;

/**
 * Sends due webhook deliveries. Each poll claims a batch (skipping rows another replica holds) and sends every
 * request at once with the JDK HttpClient and a per-request timeout; each answer is recorded on its own as it
 * arrives, so a slow receiver holds up nothing but its own delivery. Outcomes count in
 * {@code planwatch_alert_deliveries_total{outcome}}.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final DeliveryStore store;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final ExecutorService poller = Executors.newSingleThreadExecutor(named("webhook-poll"));
    private final ExecutorService recorder = Executors.newFixedThreadPool(4, named("webhook-record"));
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    private volatile boolean started;

    public DeliveryWorker(DeliveryStore store, Clock clock, AlertConfig config, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.timeout = config.delivery().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("planwatch.alert.deliveries")
                    .description("Webhook delivery attempts by outcome (delivered, retried, failed)")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        started = false;
        poller.shutdown();
        recorder.shutdown();
        recorder.awaitTermination(10, TimeUnit.SECONDS);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Deliveries.DeliveriesQueued queued) {
        requestPoll();
    }

    @Scheduled(every = "${planwatch.alerts.delivery.poll:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        requestPoll();
    }

    private void requestPoll() {
        if (started && pollRequested.compareAndSet(false, true) && !poller.isShutdown()) {
            poller.execute(this::poll);
        }
    }

    private void poll() {
        pollRequested.set(false);
        try {
            for (Claimed delivery : store.claim()) {
                send(delivery);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery poll failed, will retry: %s", e.getMessage());
        }
    }

    private void send(Claimed delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(delivery.secret(), timestamp, delivery.payload()))
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.EVENT_ID_HEADER, delivery.eventId())
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            recorder.execute(() -> record(delivery, null, "cannot build the request: " + e.getMessage()));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, failure) -> {
                    if (failure != null) {
                        record(delivery, null, describe(failure));
                    } else if (response.statusCode() / 100 == 2) {
                        record(delivery, response.statusCode(), null);
                    } else {
                        record(delivery, response.statusCode(), "the receiver answered HTTP " + response.statusCode());
                    }
                }, recorder);
    }

    private void record(Claimed delivery, Integer httpStatus, String error) {
        try {
            Outcome outcome = store.complete(delivery.id(), httpStatus, error);
            if (outcome == null) {
                return;
            }
            outcomes.get(outcome).increment();
            if (outcome == Outcome.FAILED) {
                LOG.warnf("Webhook delivery %d to %s failed for good: %s", delivery.id(), delivery.url(), error);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outcome of webhook delivery %d not recorded (it will be retried after its lease): %s",
                    delivery.id(), e.getMessage());
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
