package org.planwatch.indicator.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.planwatch.indicator.catalog.CatalogFiles.IndicatorEntry;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.RegionEntry;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.domain.Target;

/**
 * Loads the plan catalog kept in the repository (regions, indicators, one file per policy
 * document) into the database at start-up. Loading is an upsert, so a corrected quote or
 * target in a plan file takes effect at the next start and evaluations keep their targets.
 */
@ApplicationScoped
public class CatalogLoader {

    private static final Logger LOG = Logger.getLogger(CatalogLoader.class);
    static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    void onStart(@Observes StartupEvent event) {
        load();
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
            upsert(file.plan());
            for (TargetEntry entry : file.targets()) {
                upsert(file.plan().id(), entry);
                targets++;
            }
        }
        LOG.infof("Plan catalog loaded: %d plans, %d targets, %d indicators, %d regions",
                plans.size(), targets, indicators.size(), regions.size());
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

    private void upsert(CatalogFiles.PlanEntry entry) {
        Plan plan = Objects.requireNonNullElseGet(Plan.findById(entry.id()), Plan::new);
        plan.id = entry.id();
        plan.title = entry.title();
        plan.issuer = entry.issuer();
        plan.documentNumber = entry.documentNumber();
        plan.issuedOn = entry.issuedOn() == null ? null : LocalDate.parse(entry.issuedOn());
        plan.sourceFile = entry.sourceFile();
        plan.regionCode = entry.region();
        plan.notes = listOrEmpty(entry.notes());
        plan.persist();
    }

    private void upsert(String planId, TargetEntry entry) {
        Target target = Objects.requireNonNullElseGet(Target.findById(entry.id()), Target::new);
        target.id = entry.id();
        target.planId = planId;
        target.indicatorCode = entry.indicator();
        target.regionCode = entry.region();
        target.comparator = entry.comparator();
        target.targetValue = entry.value();
        target.unit = entry.unit();
        target.deadline = entry.deadline();
        target.trajectory = entry.trajectory();
        target.growthKind = entry.growthKind();
        target.startPeriod = entry.startPeriod();
        target.baselineValue = entry.baseline() == null ? null : entry.baseline().value();
        target.baselinePeriod = entry.baseline() == null ? null : entry.baseline().period();
        target.baselineQuote = entry.baseline() == null ? null : entry.baseline().quote();
        target.leadDepartments = listOrEmpty(entry.leadDepartments());
        target.cooperatingDepartments = listOrEmpty(entry.cooperatingDepartments());
        target.sourceQuote = entry.quote();
        target.notes = listOrEmpty(entry.notes());
        target.persist();
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
