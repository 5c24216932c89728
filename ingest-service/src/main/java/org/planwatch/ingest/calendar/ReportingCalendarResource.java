package org.planwatch.ingest.calendar;

import io.quarkus.security.Authenticated;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.planwatch.ingest.calendar.CalendarService.CalendarView;

/** What a bureau reads: which figures are due, which arrived, which are late. */
@Authenticated
@Path("/api/v1/reporting/calendar")
@Produces(MediaType.APPLICATION_JSON)
public class ReportingCalendarResource {

    private final CalendarService calendar;

    public ReportingCalendarResource(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GET
    @Operation(summary = "The figures the plan targets expect whose period has ended: due date (the indicator's rule, "
            + "working days counted with China's statutory holidays and make-up working days) and status DUE (not yet "
            + "due), RECEIVED, RECEIVED_LATE or OVERDUE, ordered by due date")
    public CalendarView calendar(
            @Parameter(description = "GB/T 2260 region code, e.g. 371681") @QueryParam("region") String region,
            @Parameter(description = "indicator code, e.g. gdp") @QueryParam("indicator") String indicator,
            @Parameter(description = "first period, e.g. 2025-01 (periods ending in or after it)") @QueryParam("from") String from,
            @Parameter(description = "last period, e.g. 2025-Q4 (periods ending in or before it)") @QueryParam("to") String to,
            @Parameter(description = "DUE, RECEIVED, RECEIVED_LATE or OVERDUE") @QueryParam("status") String status) {
        return calendar.calendar(new CalendarService.Query(indicator, region, from, to, status));
    }
}
