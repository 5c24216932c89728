package org.planwatch.alert.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.planwatch.alert.service.ReportAlerts;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.inbox.DatabaseOutage;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.ReportData;
import org.planwatch.platform.events.Topics;

/** Reads {@code planwatch.reports} as text; a message that cannot be read goes to {@code planwatch.reports.dlq}. */
@ApplicationScoped
public class ReportConsumer {

    private final EventCodec codec;
    private final ReportAlerts alerts;

    public ReportConsumer(EventCodec codec, ReportAlerts alerts) {
        this.codec = codec;
        this.alerts = alerts;
    }

    @Incoming("reports")
    @Blocking
    public void consume(String message) {
        CloudEvent event = codec.read(message, Topics.REPORT_TYPE);
        ReportData report = codec.data(event, ReportData.class);
        // A database outage is waited out here: the dead-letter strategy would otherwise drop the report.
        DatabaseOutage.retryWhileUnavailable(() -> alerts.onReport(event.id(), report), java.time.Duration.ofSeconds(1));
    }
}
