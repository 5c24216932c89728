package org.planwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.planwatch.deploy.credentials.ConsoleUsers;
import org.planwatch.deploy.credentials.SigningKeys;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;
import org.planwatch.deploy.kafka.LocalKafkaBroker;
import org.planwatch.deploy.test.TestCredentials;

/**
 * The packaged console ({@code console/target/quarkus-app/quarkus-run.jar}) started as a process
 * beside a {@link RunningSystem}, signing its users' tokens with this test run's key; its users
 * file holds {@code users} with password {@link #PASSWORD}.
 */
final class RunningConsole implements AutoCloseable {

    static final String PASSWORD = "e2e-Passw0rd";

    private final Process process;
    private final int port = LocalKafkaBroker.freePort();
    private final Path log = Path.of("target", "e2e-logs", "console.log").toAbsolutePath();

    RunningConsole(RunningSystem system, Path repository, Map<String, Subject> users) {
        try {
            Path usersFile = Files.createTempFile("planwatch-console-users", ".yaml");
            Map<String, String> passwords = new java.util.LinkedHashMap<>();
            users.keySet().forEach(upn -> passwords.put(upn, PASSWORD));
            ConsoleUsers.write(usersFile, users, passwords);
            Path jar = repository.resolve("console/target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package the console first (./mvnw verify builds it)");
            }
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dquarkus.http.port=" + port,
                    "-Dplanwatch.console.ingest-url=" + system.url("ingest-service"),
                    "-Dplanwatch.console.indicator-url=" + system.url("indicator-service"),
                    "-Dplanwatch.console.alert-url=" + system.url("alert-service"),
                    "-Dplanwatch.console.users-file=" + usersFile,
                    "-Dplanwatch.console.private-key=" + TestCredentials.directory().resolve(SigningKeys.PRIVATE_KEY_FILE),
                    "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the console exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RunningSystem.sleep(250);
        }
        throw new IllegalStateException("the console was not ready within 90 s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
