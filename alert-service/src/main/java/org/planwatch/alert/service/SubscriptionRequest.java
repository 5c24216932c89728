package org.planwatch.alert.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * A subscription as posted: who ({@code recipient}, {@code recipientType}), which alerts ({@code filters}; an empty
 * or missing list means all), how ({@code webhook}, optional: without one the subscription routes and feeds the
 * digest only) and whether resolutions are sent.
 */
public record SubscriptionRequest(
        @Schema(examples = "威海市委督查室") String recipient,
        @Schema(examples = "OFFICE", description = "OFFICE or DEPARTMENT") String recipientType,
        Filters filters,
        Webhook webhook,
        @Schema(description = "send RESOLVED changes too (default true)") Boolean includeResolutions) {

    public record Filters(
            @Schema(description = "GB/T 2260 codes; a city code covers its districts and counties") List<String> regions,
            List<String> plans,
            @Schema(description = "lead or cooperating departments, e.g. 市科技局") List<String> departments,
            @Schema(description = "LAG, OVERDUE_TARGET, OVERDUE_REPORT, BREACH") List<String> kinds,
            @Schema(description = "warning (default) or critical") String minSeverity) {
    }

    /** Where to POST the alert events and the shared secret of their signature (write-only: never returned). */
    public record Webhook(@Schema(examples = "https://oa.example.gov.cn/planwatch/hook") String url,
            @Schema(description = "at least 16 characters") String secret) {
    }

    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Set<String> RECIPIENT_TYPES = Set.of("OFFICE", "DEPARTMENT");
    private static final Set<String> SEVERITIES = Set.of("warning", "critical");
    private static final int MIN_SECRET = 16;

    /** Every violation at once, each naming its field; {@code secretRequired} on create or when none is stored. */
    void validate(boolean secretRequired) {
        List<Violation> violations = new ArrayList<>();
        if (recipient == null || recipient.isBlank()) {
            violations.add(Violation.ofField("recipient", "say who subscribes: an office or a department, e.g. 威海市委督查室"));
        } else if (recipient.trim().length() > 100) {
            violations.add(Violation.ofField("recipient", "at most 100 characters"));
        }
        if (recipientType == null || !RECIPIENT_TYPES.contains(upper(recipientType))) {
            violations.add(Violation.ofField("recipientType", "must be OFFICE or DEPARTMENT"));
        }
        if (filters != null) {
            each(violations, "filters.regions", filters.regions(), v -> REGION.matcher(v).matches() ? null
                    : "'" + v + "' is not a 6-digit GB/T 2260 region code");
            each(violations, "filters.plans", filters.plans(), v -> v.isBlank() || v.length() > 96 ? "a plan id of 1–96 characters" : null);
            each(violations, "filters.departments", filters.departments(),
                    v -> v.isBlank() || v.length() > 100 ? "a department name of 1–100 characters" : null);
            each(violations, "filters.kinds", filters.kinds(), v -> AlertQueries.KINDS.contains(upper(v)) ? null
                    : "'" + v + "' is not one of " + AlertQueries.KINDS.stream().sorted().toList());
            if (filters.minSeverity() != null && !SEVERITIES.contains(filters.minSeverity().trim().toLowerCase(Locale.ROOT))) {
                violations.add(Violation.ofField("filters.minSeverity", "must be warning or critical"));
            }
        }
        if (webhook != null) {
            String problem = urlProblem(webhook.url());
            if (problem != null) {
                violations.add(Violation.ofField("webhook.url", problem));
            }
            if (webhook.secret() == null ? secretRequired : webhook.secret().length() < MIN_SECRET) {
                violations.add(Violation.ofField("webhook.secret", "a shared secret of at least " + MIN_SECRET
                        + " characters signs every delivery"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The subscription has " + violations.size() + " invalid field(s)", violations);
        }
    }

    void applyTo(Subscription subscription, OffsetDateTime now) {
        subscription.recipient = recipient.trim();
        subscription.recipientType = upper(recipientType);
        Filters f = filters == null ? new Filters(null, null, null, null, null) : filters;
        subscription.regions = trimmed(f.regions(), false);
        subscription.plans = trimmed(f.plans(), false);
        subscription.departments = trimmed(f.departments(), false);
        subscription.kinds = trimmed(f.kinds(), true);
        subscription.minSeverity = f.minSeverity() == null ? "warning" : f.minSeverity().trim().toLowerCase(Locale.ROOT);
        if (webhook == null) {
            subscription.webhookUrl = null;
            subscription.webhookSecret = null;
        } else {
            subscription.webhookUrl = webhook.url().trim();
            if (webhook.secret() != null) {
                subscription.webhookSecret = webhook.secret();
            }
        }
        subscription.includeResolutions = includeResolutions == null || includeResolutions;
        subscription.updatedAt = now;
    }

    private static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "the webhook needs a URL";
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "'" + url + "' is not an http or https URL";
            }
            if (uri.getHost() == null) {
                return "'" + url + "' has no host";
            }
            return url.length() > 2000 ? "at most 2000 characters" : null;
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a URL: " + e.getReason();
        }
    }

    private static void each(List<Violation> violations, String field, List<String> values,
            java.util.function.Function<String, String> check) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String problem = value == null ? "must not be null" : check.apply(value.trim());
            if (problem != null) {
                violations.add(Violation.ofField(field + "[" + i + "]", problem));
            }
        }
    }

    private static List<String> trimmed(List<String> values, boolean upper) {
        return values == null ? List.of() : values.stream().map(String::trim).map(v -> upper ? upper(v) : v).distinct().toList();
    }

    private static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
