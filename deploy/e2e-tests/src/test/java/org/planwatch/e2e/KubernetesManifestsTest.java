package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders {@code deploy/k8s} with {@code kubectl kustomize} (deploy/test installs Debian's kubectl
 * when missing) and checks the objects: probes on /q/health, resources, labels, pinned images,
 * replicas that share work, the console with its keys and users, and the operators' Kafka topics
 * and PostgreSQL cluster.
 */
class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("indicator-service", "ingest-service", "alert-service");
    private static final List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        Path kubectl = Files.isExecutable(Path.of("/usr/bin/kubectl")) ? Path.of("/usr/bin/kubectl")
                : Path.of("/usr/local/bin/kubectl");
        assertThat(kubectl).as("kubectl is missing: run deploy/test (deploy/check-deploy installs Debian's kubernetes-client)")
                .isExecutable();
        Path output = Files.createTempFile("planwatch-k8s", ".yaml");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize",
                GrafanaDashboards.repositoryRoot().resolve("deploy/k8s").toString())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize deploy/k8s").isZero();
        ObjectMapper yaml = new YAMLMapper();
        try (var parser = new YAMLFactory().createParser(Files.readString(output, StandardCharsets.UTF_8))) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull()) {
                    objects.add(node);
                }
            });
        }
        Files.delete(output);
    }

    @Test
    void everyServiceIsADeploymentWithProbesResourcesAndAPinnedImage() {
        for (String service : SERVICES) {
            JsonNode deployment = object("Deployment", service);
            assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("planwatch");
            assertThat(deployment.path("spec").path("replicas").asInt()).as(service + " replicas").isGreaterThanOrEqualTo(2);
            JsonNode pod = deployment.path("spec").path("template");
            assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo(service);
            assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("planwatch");
            assertThat(deployment.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                    .isEqualTo(service);
            JsonNode container = pod.path("spec").path("containers").get(0);
            String image = container.path("image").asText();
            assertThat(image).as(service + " image").matches("[a-z0-9./-]+/" + service + ":[0-9][\\w.-]*").doesNotEndWith(":latest");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
            assertThat(container.path("resources").path("requests").path("cpu").asText()).as(service).isNotBlank();
            assertThat(container.path("resources").path("requests").path("memory").asText()).as(service).isNotBlank();
            assertThat(container.path("resources").path("limits").path("memory").asText()).as(service).isNotBlank();
            assertThat(container.path("envFrom").toString()).contains("planwatch-config");
            assertThat(container.path("env").toString()).contains("PLANWATCH_DB_PASSWORD").contains("planwatch-db-app");
            assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("spec").path("volumes").toString()).as(service + " verifies tokens with the public key")
                    .contains("planwatch-jwt").contains("public-key.pem").doesNotContain("private-key.pem");

            JsonNode svc = object("Service", service);
            assertThat(svc.path("spec").path("selector").path("app.kubernetes.io/name").asText()).isEqualTo(service);
            assertThat(object("PodDisruptionBudget", service).path("spec").path("minAvailable").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theConsoleIsADeploymentWithTheServicesUrlsTheSigningKeyAndTheUsersFile() {
        JsonNode deployment = object("Deployment", "console");
        assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("planwatch");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pod = deployment.path("spec").path("template");
        assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("planwatch");
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).matches("[a-z0-9./-]+/console:[0-9][\\w.-]*");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("path").asText()).as(probe).startsWith("/q/health/");
        }
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
        assertThat(container.path("envFrom").toString()).contains("planwatch-config");
        String env = container.path("env").toString();
        assertThat(env).contains("PLANWATCH_INGEST_URL").contains("http://ingest-service:8081")
                .contains("PLANWATCH_ALERT_URL").contains("http://alert-service:8083")
                .contains("PLANWATCH_CONSOLE_USERS").contains("PLANWATCH_JWT_PRIVATE_KEY");
        String mounts = container.path("volumeMounts").toString();
        String volumes = pod.path("spec").path("volumes").toString();
        assertThat(volumes).contains("planwatch-jwt").contains("private-key.pem").contains("planwatch-console-users");
        assertThat(mounts).contains("/etc/planwatch/jwt").contains("/etc/planwatch/console");
        JsonNode svc = object("Service", "console");
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(object("PodDisruptionBudget", "console").path("spec").path("minAvailable").asInt()).isEqualTo(1);
    }

    @Test
    void noImageAnywhereIsUntaggedOrLatest() {
        List<String> images = new ArrayList<>();
        objects.forEach(o -> collectImages(o, images));
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).as(image)
                .matches(".+:[\\w][\\w.-]*").doesNotEndWith(":latest"));
    }

    @Test
    void kafkaTopicsHavePartitionsForSeveralReplicasAndThePodsAreScraped() {
        JsonNode configuration = objects.stream().filter(o -> "ConfigMap".equals(o.path("kind").asText())
                && o.path("metadata").path("name").asText().startsWith("planwatch-config")).findFirst().orElseThrow();
        assertThat(configuration.path("data").path("PLANWATCH_KAFKA_BOOTSTRAP").asText()).isEqualTo("planwatch-kafka-bootstrap:9092");
        // Every topic the services use (the local broker creates the same list).
        for (String topic : org.planwatch.deploy.kafka.LocalKafkaBroker.TOPICS) {
            JsonNode kafkaTopic = object("KafkaTopic", topic);
            assertThat(kafkaTopic.path("spec").path("partitions").asInt()).as(topic)
                    .isGreaterThanOrEqualTo(object("Deployment", "alert-service").path("spec").path("replicas").asInt());
            assertThat(kafkaTopic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("planwatch");
            object("KafkaTopic", topic + ".dlq");
        }
        assertThat(object("Kafka", "planwatch").path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(object("Cluster", "planwatch-db").path("spec").path("bootstrap").path("initdb").path("database").asText())
                .isEqualTo("planwatch");
        JsonNode podMonitor = object("PodMonitor", "planwatch");
        assertThat(podMonitor.path("spec").path("jobLabel").asText()).isEqualTo("app.kubernetes.io/name");
        assertThat(podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
    }

    @Test
    void thePrometheusRuleCarriesExactlyTheTestedRules() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        com.fasterxml.jackson.databind.node.ArrayNode groups = yaml.createArrayNode();
        try (var files = Files.list(GrafanaDashboards.repositoryRoot().resolve("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                yaml.readTree(file.toFile()).path("groups").forEach(groups::add);
            }
        }
        assertThat(object("PrometheusRule", "planwatch").path("spec").path("groups"))
                .as("deploy/k8s/prometheus-rules.yaml must hold the groups of deploy/prometheus/rules/*.yml (in file order)")
                .isEqualTo(groups);
    }

    private static JsonNode object(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in kubectl kustomize deploy/k8s"));
    }

    private static void collectImages(JsonNode node, List<String> images) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("image") || field.getKey().equals("imageName")) && field.getValue().isTextual()) {
                    images.add(field.getValue().asText());
                } else {
                    collectImages(field.getValue(), images);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectImages(child, images));
        }
    }
}
