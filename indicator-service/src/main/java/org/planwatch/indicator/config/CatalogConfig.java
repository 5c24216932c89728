package org.planwatch.indicator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where plans come from besides the catalog shipped in the service. */
@ConfigMapping(prefix = "planwatch.catalog")
public interface CatalogConfig {

    /**
     * A directory laid out like the shipped catalog ({@code regions.yaml}, {@code indicators.yaml},
     * {@code index.yaml}, {@code plans/}), loaded after it at start-up: the bulk path for catalogs
     * too large to send plan by plan (the month-end benchmark's national catalog).
     */
    Optional<Path> directory();
}
