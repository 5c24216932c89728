package org.planwatch.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load on one read endpoint: {@code connections} clients on loopback, each sending
 * its next GET as soon as the last one is answered, for a bounded time. Every answer but a 200
 * (and every timeout or refused connection) is an error.
 */
final class ReadLoad {

    /** The figures of one endpoint. */
    record Result(String endpoint, int connections, double seconds, long errors, Map<String, Long> errorKinds,
            LatencyProbe.Result latency) {

        long requests() {
            return latency.answered();
        }

        double perSecond() {
            return requests() / seconds;
        }
    }

    private ReadLoad() {
    }

    /**
     * Runs {@code connections} clients against {@code pathOfRequest} (the n-th request's path, so
     * clients spread over regions) on {@code baseUrl} for {@code duration}.
     */
    static Result run(String name, String baseUrl, IntFunction<String> pathOfRequest, String authorization, int connections,
            Duration duration) {
        // One client per connection: the JDK's pool would otherwise share and queue connections.
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        }
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        for (int c = 0; c < connections; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        String path = pathOfRequest.apply((int) sequence.getAndIncrement());
                        long sent = System.nanoTime();
                        String error = null;
                        try {
                            HttpResponse<Void> response = clients.get(client).send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                                    .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                error = "HTTP " + response.statusCode();
                            }
                        } catch (IOException e) {
                            error = e.getClass().getSimpleName();
                        }
                        if (n == mine.length) {
                            mine = java.util.Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - sent;
                        if (error != null) {
                            errors.incrementAndGet();
                            errorKinds.merge(error, 1L, Long::sum);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[client] = mine;
                    counts[client] = n;
                    done.countDown();
                }
            }, "read-load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> millis = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            for (int i = 0; i < counts[c]; i++) {
                millis.add(latencies[c][i] / 1e6);
            }
        }
        return new Result(name, connections, seconds, errors.get(), new TreeMap<>(errorKinds), LatencyProbe.Result.of(millis.size(), millis));
    }
}
