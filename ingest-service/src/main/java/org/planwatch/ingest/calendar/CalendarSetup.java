package org.planwatch.ingest.calendar;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads the reporting rules and the holiday files once, at start-up, so a malformed file stops the
 * service instead of misdating figures later.
 */
@Startup
@Singleton
public class CalendarSetup {

    private static final Logger LOG = Logger.getLogger(CalendarSetup.class);

    private final ZoneId zone;
    private final WorkingDays workingDays;
    private final ReportingCalendar calendar;

    public CalendarSetup(CalendarConfig config) {
        this.zone = ZoneId.of(config.zone());
        this.workingDays = HolidayFiles.load(config.holidaysDir().map(Path::of).orElse(null));
        ReportingRules rules = ReportingRules.load(config.rulesFile().map(Path::of).orElse(null));
        for (Map.Entry<String, Map<String, String>> entry : config.rules().entrySet()) {
            entry.getValue().forEach((key, value) -> rules.with(entry.getKey(), camelCase(key), value));
        }
        this.calendar = new ReportingCalendar(rules, workingDays, zone);
        LOG.infof("Reporting calendar: holiday data for %s, due dates in %s", workingDays.years(), zone);
    }

    /** {@code january-with-february} → {@code januaryWithFebruary}; camelCase keys stay as they are. */
    static String camelCase(String key) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString().isEmpty() ? key.toLowerCase(Locale.ROOT) : out.toString();
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkingDays workingDays() {
        return workingDays;
    }

    public ReportingCalendar calendar() {
        return calendar;
    }
}
