package org.planwatch.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * run in a child JVM from the jars this module copies to {@code target/kafka-lib}. Used by
 * {@code deploy/run} (port 9092) and by the tests of every module (a free port each run).
 */
public final class LocalKafkaBroker implements AutoCloseable {

    public static final List<String> TOPICS = List.of(
            "planwatch.observations", "planwatch.evaluations", "planwatch.alerts", "planwatch.reports");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logFile;
    private Process process;
    private boolean ephemeral;

    private LocalKafkaBroker(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolve("broker.log");
    }

    /** Formats {@code dataDir} on first use, starts the broker and creates the planwatch topics. */
    public static LocalKafkaBroker start(int port, int controllerPort, Path dataDir, int partitions) {
        LocalKafkaBroker broker = new LocalKafkaBroker(port, controllerPort, dataDir.toAbsolutePath());
        broker.launch();
        broker.createTopics(partitions);
        return broker;
    }

    /** A broker on free ports in a fresh temporary directory: one per test run. */
    public static LocalKafkaBroker startForTests() {
        try {
            LocalKafkaBroker broker = start(freePort(), freePort(), Files.createTempDirectory("planwatch-kafka-"), 3);
            broker.ephemeral = true;
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process id (its CPU time is accounted by the benchmark). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again on the same ports and data (after {@link #stop()}), as an operator would. */
    public synchronized void restart() {
        stop();
        launch();
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Stops the broker; a test broker's data directory is deleted with it. */
    @Override
    public void close() {
        stop();
        if (ephemeral) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                runToCompletion(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString()));
            }
            process = javaProcess(List.of("-Xmx512m", "-Xms128m"), List.of("kafka.Kafka", config.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    private Path writeConfig() throws IOException {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs", dataDir.resolve("logs").toString()));
        properties.putAll(Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        Path config = dataDir.resolve("server.properties");
        try (var writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "planwatch local Kafka broker");
        }
        return config;
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (accepts(port) && clusterAnswers()) {
                return;
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("the Kafka broker did not start within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private boolean clusterAnswers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void createTopics(int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                for (String name : List.of(topic, topic + ".dlq")) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, partitions, (short) 1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the planwatch topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private void runToCompletion(List<String> mainAndArgs) throws IOException {
        Process tool = javaProcess(List.of("-Xmx256m"), mainAndArgs)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(mainAndArgs.get(0) + " failed:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ProcessBuilder javaProcess(List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig());
        command.add("-cp");
        command.add(libraryDir().resolve("*").toString());
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.toFile());
    }

    /** Broker logs at INFO to its log file; the default configuration would look for files that are not there. */
    private String log4jConfig() {
        Path config = dataDir.resolve("log4j2.properties");
        if (!Files.exists(config)) {
            try {
                Files.writeString(config, String.join("\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.stdout.ref = STDOUT",
                        "appender.stdout.type = Console",
                        "appender.stdout.name = STDOUT",
                        "appender.stdout.layout.type = PatternLayout",
                        "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
                        "logger.kafka.name = kafka",
                        "logger.kafka.level = WARN",
                        "logger.apache.name = org.apache.kafka",
                        "logger.apache.level = WARN",
                        ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config.toString();
    }

    /** {@code target/kafka-lib} beside this module's classes or jar, or {@code -Dplanwatch.kafka.lib}. */
    static Path libraryDir() {
        String configured = System.getProperty("planwatch.kafka.lib", System.getenv("PLANWATCH_KAFKA_LIB"));
        Path dir;
        if (configured != null && !configured.isBlank()) {
            dir = Path.of(configured);
        } else {
            try {
                Path location = Path.of(LocalKafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                dir = location.getParent().resolve("kafka-lib");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        try (var jars = Files.list(dir)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13"))) {
                throw new IllegalStateException("no Kafka broker jar in " + dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Kafka broker jars are missing from " + dir
                    + "; build deploy/kafka-broker first (./mvnw -pl deploy/kafka-broker package)", e);
        }
        return dir;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream().collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * {@code java -cp '<this jar>:target/kafka-lib/*' org.planwatch.deploy.kafka.LocalKafkaBroker
     * --port 9092 --controller-port 19093 --data-dir DIR [--partitions N]}: runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        LocalKafkaBroker broker = start(
                Integer.parseInt(options.getOrDefault("--port", "9092")),
                Integer.parseInt(options.getOrDefault("--controller-port", "19093")),
                Path.of(options.getOrDefault("--data-dir", "deploy/.run/kafka")),
                Integer.parseInt(options.getOrDefault("--partitions", "4")));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers());
        broker.process.waitFor();
    }
}
