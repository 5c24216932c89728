package org.planwatch.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on a free port: each path answers as its behaviour says for the n-th request (1-based). */
final class WebhookReceiver implements AutoCloseable {

    /** The answer to one request: HTTP status after a delay. */
    record Answer(int status, long delayMillis) {

        static Answer ok() {
            return new Answer(204, 0);
        }
    }

    record Received(String path, String eventId, String timestamp, String signature, String contentType, String body,
            Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger abandoned = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Registers {@code path}; returns its URL. */
    String path(String path, IntFunction<Answer> behaviour) {
        counts.put(path, new AtomicInteger());
        server.createContext(path, exchange -> handle(exchange, path, behaviour));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Requests whose sender stopped waiting before the answer. */
    int abandoned() {
        return abandoned.get();
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange, String path, IntFunction<Answer> behaviour) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(path, headers.getFirst("X-Planwatch-Event-Id"), headers.getFirst("X-Planwatch-Timestamp"),
                    headers.getFirst("X-Planwatch-Signature"), headers.getFirst("Content-Type"), text, Instant.now()));
            Answer answer = behaviour.apply(counts.get(path).incrementAndGet());
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The sender gave up waiting (its timeout) and closed the connection: that is what a slow receiver gets.
            abandoned.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
