package org.planwatch.ingest.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** indicator-service's catalog API: the only source of which indicators and regions exist. */
@RegisterRestClient(configKey = "indicator-catalog")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface IndicatorCatalogClient {

    record IndicatorRef(String code, String nameZh, String nameEn, String unit, String direction, String frequency,
            String basis) {
    }

    record RegionRef(String code, String nameZh, String nameEn, String parent) {
    }

    /** A target as the reporting calendar needs it: which figures it asks for, from when, until when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TargetRef(String id, PlanKey plan, IndicatorRef indicator, RegionRef region, BaselineRef baseline,
            String deadline, String startPeriod) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanKey(String id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BaselineRef(String period) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanRef(String id, LocalDate issuedOn) {
    }

    @GET
    @Path("/indicators")
    List<IndicatorRef> indicators();

    @GET
    @Path("/regions")
    List<RegionRef> regions();

    /** The current (not retired) targets. */
    @GET
    @Path("/targets")
    List<TargetRef> targets();

    @GET
    @Path("/plans")
    List<PlanRef> plans();
}
