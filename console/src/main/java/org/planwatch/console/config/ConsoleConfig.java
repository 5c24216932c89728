package org.planwatch.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The console's settings: where the services answer, who may sign in, how sessions are kept. */
@ConfigMapping(prefix = "planwatch.console")
public interface ConsoleConfig {

    /** Base URL of ingest-service. */
    String ingestUrl();

    /** Base URL of indicator-service. */
    String indicatorUrl();

    /** Base URL of alert-service. */
    String alertUrl();

    /** How long the console waits for a service's answer (an upload of a large file takes a while). */
    @WithDefault("PT2M")
    Duration requestTimeout();

    /** The users file: YAML with upn, name, passwordHash, groups, regions, department. */
    Path usersFile();

    /** The PKCS#8 PEM private key the console signs its users' bearer tokens with. */
    Path privateKey();

    /** How long a sign-in lasts (the token's and the cookie's lifetime). */
    @WithDefault("PT8H")
    Duration session();

    /** Whether the session cookie is marked Secure (set it behind HTTPS). */
    @WithDefault("false")
    boolean secureCookie();

    /** The path of Apache ECharts in its WebJar. */
    String echartsScript();
}
