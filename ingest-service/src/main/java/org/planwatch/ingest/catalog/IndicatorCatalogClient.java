package org.planwatch.ingest.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    @GET
    @Path("/indicators")
    List<IndicatorRef> indicators();

    @GET
    @Path("/regions")
    List<RegionRef> regions();
}
