package org.planwatch.indicator.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.planwatch.indicator.catalog.CatalogFiles.IndicatorEntry;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.RegionEntry;
import org.planwatch.indicator.config.CatalogConfig;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.service.PlanService;
import org.planwatch.platform.problem.ProblemException;

/**
 * Loads the plan catalog kept in the repository (regions, indicators, one file per policy
 * document) into the database at start-up. Plans go through {@link PlanService}, so a corrected
 * target in a plan file becomes a new version of it at the next start.
 */
@ApplicationScoped
public class CatalogLoader {

    private final PlanService planService;
    private final CatalogConfig config;

    public CatalogLoader(PlanService planService, CatalogConfig config) {
        this.planService = planService;
        this.config = config;
    }

    private static final Logger LOG = Logger.getLogger(CatalogLoader.class);
    /** Reads plan documents, YAML or JSON; an unknown field is an error, not silently dropped. */
    public static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    void onStart(@Observes StartupEvent event) {
        load();
        config.directory().ifPresent(this::loadDirectory);
    }

    @Transactional
    public void load() {
        List<RegionEntry> regions = read("catalog/regions.yaml", RegionEntry[].class);
        regions.forEach(this::upsert);
        List<IndicatorEntry> indicators = read("catalog/indicators.yaml", IndicatorEntry[].class);
        indicators.forEach(this::upsert);
        int targets = 0;
        List<PlanFile> plans = readPlans();
        for (PlanFile file : plans) {
            try {
                PlanService.PlanChange change = planService.apply(file);
                targets += file.targets().size();
                if (!change.changed().isEmpty() || !change.retired().isEmpty()) {
                    LOG.infof("Plan %s changed: %d target(s) have a new version, %d retired", change.planId(),
                            change.changed().size(), change.retired().size());
                }
            } catch (ProblemException e) {
                throw new IllegalStateException("plan file of " + file.plan().id() + " is invalid: "
                        + e.toProblem(null).violations(), e);
            }
        }
        LOG.infof("Plan catalog loaded: %d plans, %d targets, %d indicators, %d regions",
                plans.size(), targets, indicators.size(), regions.size());
    }

    /**
     * Loads a catalog directory: regions and indicators in one transaction, then each plan in a
     * transaction of its own, so a catalog of hundreds of thousands of targets never sits in one
     * persistence context.
     */
    public void loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("planwatch.catalog.directory " + directory + " is not a directory");
        }
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            readListIfPresent(directory.resolve("regions.yaml"), RegionEntry[].class).forEach(this::upsert);
            readListIfPresent(directory.resolve("indicators.yaml"), IndicatorEntry[].class).forEach(this::upsert);
        });
        CatalogFiles.Index index = readFile(directory.resolve("index.yaml"), CatalogFiles.Index.class);
        int targets = 0;
        for (String name : index.plans()) {
            PlanFile file = readFile(directory.resolve("plans").resolve(name), PlanFile.class);
            try {
                planService.apply(file);
            } catch (ProblemException e) {
                throw new IllegalStateException("plan file " + name + " in " + directory + " is invalid: "
                        + e.toProblem(null).violations(), e);
            }
            targets += file.targets().size();
        }
        LOG.infof("Catalog directory %s loaded: %d plans, %d targets in %d ms", directory, index.plans().size(), targets,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static <T> List<T> readListIfPresent(Path file, Class<T[]> type) {
        return Files.exists(file) ? List.of(readFile(file, type)) : List.of();
    }

    private static <T> T readFile(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog file " + file + " cannot be read", e);
        }
    }

    /** Every plan file named in {@code catalog/index.yaml}, parsed. */
    public static List<PlanFile> readPlans() {
        CatalogFiles.Index index = readOne("catalog/index.yaml", CatalogFiles.Index.class);
        List<PlanFile> plans = new ArrayList<>();
        for (String name : index.plans()) {
            plans.add(readOne("catalog/plans/" + name, PlanFile.class));
        }
        return plans;
    }

    public static <T> List<T> read(String resource, Class<T[]> type) {
        return List.of(readOne(resource, type));
    }

    static <T> T readOne(String resource, Class<T> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            Objects.requireNonNull(in, () -> "catalog resource " + resource + " is missing");
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog resource " + resource + " cannot be read", e);
        }
    }

    private void upsert(RegionEntry entry) {
        Region region = Objects.requireNonNullElseGet(Region.findById(entry.code()), Region::new);
        region.code = entry.code();
        region.nameZh = entry.nameZh();
        region.nameEn = entry.nameEn();
        region.parentCode = entry.parent();
        region.persist();
    }

    private void upsert(IndicatorEntry entry) {
        Indicator indicator = Objects.requireNonNullElseGet(Indicator.findById(entry.code()), Indicator::new);
        indicator.code = entry.code();
        indicator.nameZh = entry.nameZh();
        indicator.nameEn = entry.nameEn();
        indicator.unit = entry.unit();
        indicator.direction = entry.direction();
        indicator.frequency = entry.frequency();
        indicator.basis = entry.basis();
        indicator.persist();
    }
}
