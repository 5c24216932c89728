package org.planwatch.alert.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** indicator-service's regions (GB/T 2260 code and name): the only source of region names. */
@RegisterRestClient(configKey = "indicator-catalog")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RegionCatalogClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegionRef(String code, String nameZh) {
    }

    @GET
    @Path("/regions")
    List<RegionRef> regions();
}
