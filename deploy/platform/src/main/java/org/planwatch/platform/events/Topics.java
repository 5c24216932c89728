package org.planwatch.platform.events;

/** The Kafka topics planwatch uses; each has a {@code .dlq} twin for messages that cannot be processed. */
public final class Topics {

    public static final String OBSERVATIONS = "planwatch.observations";
    public static final String EVALUATIONS = "planwatch.evaluations";
    public static final String ALERTS = "planwatch.alerts";
    /** Reporting-calendar verdicts from ingest-service (overdue / received figures), key {@code indicator|region}. */
    public static final String REPORTS = "planwatch.reports";

    public static final String OBSERVATION_TYPE = "planwatch.observation.v1";
    public static final String EVALUATION_TYPE = "planwatch.evaluation.v1";
    public static final String ALERT_TYPE = "planwatch.alert.v1";
    public static final String REPORT_TYPE = "planwatch.report.v1";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
