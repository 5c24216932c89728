package org.planwatch.alert.routing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.planwatch.alert.config.AlertConfig;

/**
 * When an open, unacknowledged alert is reminded: at each configured offset from its opening (default 1, 7 and
 * 30 days), then every {@code repeat} (default 30 days). Reminder n (1-based) is due at {@link #offset(int)}.
 */
public record ReminderSchedule(List<Duration> offsets, Duration repeat) {

    public ReminderSchedule {
        if (offsets.isEmpty() || repeat.isZero() || repeat.isNegative()) {
            throw new IllegalArgumentException("reminders need at least one offset and a positive repeat");
        }
        offsets = List.copyOf(offsets);
    }

    public static ReminderSchedule of(AlertConfig config) {
        return new ReminderSchedule(config.reminders(), config.reminderRepeat());
    }

    public Duration offset(int n) {
        if (n <= offsets.size()) {
            return offsets.get(n - 1);
        }
        return offsets.get(offsets.size() - 1).plus(repeat.multipliedBy(n - offsets.size()));
    }

    public OffsetDateTime first(OffsetDateTime opened) {
        return opened.plus(offset(1));
    }

    /** The latest reminder slot due at {@code now} (at least {@code sent + 1}): missed slots are not sent one by one. */
    public int dueSlot(OffsetDateTime opened, int sent, OffsetDateTime now) {
        int slot = sent + 1;
        while (!opened.plus(offset(slot + 1)).isAfter(now)) {
            slot++;
        }
        return slot;
    }
}
