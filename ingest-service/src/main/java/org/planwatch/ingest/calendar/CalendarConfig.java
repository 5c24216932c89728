package org.planwatch.ingest.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** The reporting calendar: where its rules and holidays come from, and how often late figures are looked for. */
@ConfigMapping(prefix = "planwatch.calendar")
public interface CalendarConfig {

    /** A reporting-rules file replacing the shipped {@code calendar/reporting-rules.yaml}. */
    Optional<String> rulesFile();

    /** A directory of {@code holidays-YYYY.yaml} files; each replaces the shipped year of that name or adds one. */
    Optional<String> holidaysDir();

    /** Where due dates are counted: a figure received on the due date in this zone is on time. */
    @WithDefault("Asia/Shanghai")
    String zone();

    /** How often the check looks for figures that became overdue (also the safety net for RECEIVED). */
    @WithDefault("1h")
    String checkInterval();

    /** How long after start-up the first check runs. */
    @WithDefault("1m")
    String checkDelay();

    /**
     * Single keys of a rule, overriding the rules file: {@code planwatch.calendar.rules.<frequency or
     * indicator code>.<key>}, e.g. {@code planwatch.calendar.rules.quarterly.days=20} or
     * {@code planwatch.calendar.rules.port_cargo_throughput.january-with-february=false}.
     */
    Map<String, Map<String, String>> rules();
}
