package org.planwatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** How alerts live (hysteresis, escalation, reminders), how they are delivered, and whom a late report goes to. */
@ConfigMapping(prefix = "planwatch.alerts")
public interface AlertConfig {

    /** Consecutive on-track evaluations before a LAG alert resolves, so a flapping series does not spam. */
    @WithDefault("1")
    int resolveAfter();

    /** A critical alert unacknowledged this long escalates. */
    @WithDefault("P7D")
    Duration escalateAfter();

    /** How often the escalation check runs (a scheduler interval such as {@code 1m}). */
    @WithDefault("1m")
    String escalationCheck();

    /** How often the open-alert gauges check for changes to recount. */
    @WithDefault("1s")
    String gaugeRefresh();

    /** The least time between two recounts of the open-alert gauges (Prometheus scrapes every 15 s). */
    @WithDefault("15s")
    Duration gaugeRecount();

    /** Reminders of an open, unacknowledged alert, counted from its opening (a growing schedule). */
    @WithDefault("P1D,P7D,P30D")
    List<Duration> reminders();

    /** After the last of {@link #reminders()}, one more reminder every this long. */
    @WithDefault("P30D")
    Duration reminderRepeat();

    /** How often the reminder check runs. */
    @WithDefault("1m")
    String reminderCheck();

    /** The time zone of the offices: weeks of the digest run Monday 00:00 to Monday 00:00 here. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Delivery delivery();

    ReportRecipients reportRecipients();

    /** Webhook delivery: per-request timeout, exponential backoff, and how long to keep trying. */
    interface Delivery {

        /** How often the delivery worker looks for due deliveries (it also runs right after each commit). */
        @WithDefault("2s")
        String poll();

        /** Per-request timeout (connect and response). */
        @WithDefault("PT10S")
        Duration timeout();

        /** Wait before the second attempt; doubled after every failure up to {@link #maxBackoff()}. */
        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT10M")
        Duration maxBackoff();

        /** A delivery still failing this long after the change is marked FAILED. */
        @WithDefault("PT24H")
        Duration giveUpAfter();

        /** Deliveries claimed per poll (sent in parallel). */
        @WithDefault("100")
        int batchSize();
    }

    /**
     * Recipients of an OVERDUE_REPORT alert; {@code {region}} is replaced by the region's name (e.g. 邹平市). The office
     * pattern also names the office an escalation reaches (the region above's).
     */
    interface ReportRecipients {

        @WithDefault("{region}统计局")
        String bureau();

        @WithDefault("{region}督查室")
        String office();
    }
}
