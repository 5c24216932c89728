package org.planwatch.deploy.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * The real infrastructure of a service's {@code @QuarkusTest}s: a Kafka broker started for the
 * test run and the test PostgreSQL database, with the service's schema reset so every run
 * starts from its migrations, and the public key of this run's {@link TestCredentials} to verify
 * bearer tokens with. Pass the schema as the {@code schema} init arg.
 */
public class PlanwatchInfrastructure implements QuarkusTestResourceLifecycleManager {

    private LocalKafkaBroker broker;
    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get("schema");
    }

    @Override
    public Map<String, String> start() {
        TestDatabase database = TestDatabase.fromEnvironment().ensureExists();
        if (schema != null) {
            database.dropSchema(schema);
        }
        broker = LocalKafkaBroker.startForTests();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("mp.jwt.verify.publickey.location", TestCredentials.publicKeyLocation());
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
