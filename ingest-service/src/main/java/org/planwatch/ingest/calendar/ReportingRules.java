package org.planwatch.ingest.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The due rule of every indicator: its frequency's rule (monthly, quarterly, annual) with the
 * indicator's own changes merged on top. Read from {@code calendar/reporting-rules.yaml} (or a
 * configured file), then single keys overridden from configuration.
 */
public final class ReportingRules {

    static final String RESOURCE = "calendar/reporting-rules.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final java.util.Set<String> KEYS = java.util.Set.of("counting", "days", "monthsAfter", "dayOfMonth",
            "rollForward", "januaryWithFebruary");

    private final Map<String, ObjectNode> frequencies;
    private final Map<String, ObjectNode> indicators;

    private ReportingRules(Map<String, ObjectNode> frequencies, Map<String, ObjectNode> indicators) {
        this.frequencies = frequencies;
        this.indicators = indicators;
        frequencies.forEach((frequency, node) -> toRule(node, "frequency " + frequency));
    }

    /** Reads {@code file}, or the shipped resource when it is null. */
    public static ReportingRules load(Path file) {
        try (InputStream in = file != null ? Files.newInputStream(file)
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reporting rules " + (file != null ? file : RESOURCE), e);
        }
    }

    static ReportingRules parse(JsonNode root) {
        return new ReportingRules(section(root, "frequencies"), section(root, "indicators"));
    }

    private static Map<String, ObjectNode> section(JsonNode root, String name) {
        Map<String, ObjectNode> entries = new HashMap<>();
        JsonNode section = root == null ? null : root.get(name);
        if (section == null || section.isNull()) {
            return entries;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw new IllegalStateException("reporting rules: " + name + "." + entry.getKey() + " must be a mapping");
            }
            entry.getValue().fieldNames().forEachRemaining(key -> {
                if (!KEYS.contains(key)) {
                    throw new IllegalStateException("reporting rules: " + name + "." + entry.getKey() + " has unknown key '"
                            + key + "' (known: " + KEYS + ")");
                }
            });
            ObjectNode node = (ObjectNode) entry.getValue().deepCopy();
            checkValues(node, name + "." + entry.getKey());
            entries.put(key(entry.getKey()), node);
        }
        return entries;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Applies one configured key to a frequency's rule or an indicator's (a frequency name such as
     * {@code monthly}, else an indicator code).
     */
    public ReportingRules with(String frequencyOrIndicator, String key, String value) {
        if (!KEYS.contains(key)) {
            throw new IllegalStateException("reporting rule key '" + key + "' is unknown (known: " + KEYS + ")");
        }
        String name = key(frequencyOrIndicator);
        Map<String, ObjectNode> target = frequencies.containsKey(name) ? frequencies : indicators;
        ObjectNode node = target.computeIfAbsent(name, n -> YAML.createObjectNode());
        node.put(key, value);
        checkValues(node, name);
        if (target == frequencies) {
            toRule(node, "frequency " + name);
        }
        return this;
    }

    /** Each value is of its key's type, so a bad indicator entry fails at start-up, not when a figure is dated. */
    private static void checkValues(ObjectNode node, String what) {
        try {
            String counting = text(node, "counting");
            if (counting != null) {
                DueRule.Counting.of(counting);
            }
            integer(node, "days");
            integer(node, "monthsAfter");
            integer(node, "dayOfMonth");
            bool(node, "rollForward");
            bool(node, "januaryWithFebruary");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("reporting rule of " + what + ": " + e.getMessage(), e);
        }
    }

    /** The rule of an indicator of this frequency, or empty when the frequency has no rule. */
    public Optional<DueRule> ruleFor(String indicator, String frequency) {
        ObjectNode base = frequency == null ? null : frequencies.get(key(frequency));
        if (base == null) {
            return Optional.empty();
        }
        ObjectNode merged = base.deepCopy();
        ObjectNode own = indicators.get(key(indicator));
        if (own != null) {
            merged.setAll(own);
        }
        return Optional.of(toRule(merged, "indicator " + indicator));
    }

    private static DueRule toRule(ObjectNode node, String what) {
        try {
            String counting = text(node, "counting");
            return new DueRule(counting == null ? null : DueRule.Counting.of(counting), integer(node, "days"),
                    integer(node, "monthsAfter"), integer(node, "dayOfMonth"), bool(node, "rollForward"),
                    bool(node, "januaryWithFebruary"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("reporting rule of " + what + ": " + e.getMessage(), e);
        }
    }

    private static String text(ObjectNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(ObjectNode node, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a whole number");
        }
    }

    private static boolean bool(ObjectNode node, String key) {
        String text = text(node, key);
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " '" + text + "' is neither true nor false");
        };
    }
}
