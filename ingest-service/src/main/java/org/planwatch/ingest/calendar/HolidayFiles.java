package org.planwatch.ingest.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the per-year holiday files ({@code holidays-YYYY.yaml}: the State Council's notice of that
 * year) shipped in {@code calendar/} on the classpath and, when configured, from a directory whose
 * files replace the shipped year of the same name and add years.
 */
public final class HolidayFiles {

    static final String RESOURCE_DIR = "calendar/";
    private static final Pattern FILE_NAME = Pattern.compile("holidays-(\\d{4})\\.yaml");
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Range(String name, LocalDate from, LocalDate to) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Workday(LocalDate date, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record YearFile(Integer year, String source, List<Range> holidays, List<Workday> workdays) {
    }

    private HolidayFiles() {
    }

    /** The shipped years, with the files of {@code overrideDir} (may be null) taking precedence. */
    public static WorkingDays load(Path overrideDir) {
        Map<Integer, YearFile> files = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            String name = RESOURCE_DIR + "holidays-" + year + ".yaml";
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    files.put(year, parse(in, name, year));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
        }
        if (overrideDir != null) {
            files.putAll(readDirectory(overrideDir));
        }
        return merge(files);
    }

    private static Map<Integer, YearFile> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("planwatch.calendar.holidays-dir " + dir + " is not a directory");
        }
        Map<Integer, YearFile> files = new HashMap<>();
        try (var entries = Files.list(dir)) {
            for (Path file : entries.toList()) {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    int year = Integer.parseInt(m.group(1));
                    try (InputStream in = Files.newInputStream(file)) {
                        files.put(year, parse(in, file.toString(), year));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday files in " + dir, e);
        }
        return files;
    }

    static YearFile parse(InputStream in, String name, int expectedYear) throws IOException {
        YearFile file = YAML.readValue(in, YearFile.class);
        if (file == null || file.year() == null || file.year() != expectedYear) {
            throw new IllegalStateException(name + ": 'year' must be " + expectedYear);
        }
        if (file.source() == null || file.source().isBlank()) {
            throw new IllegalStateException(name + ": 'source' must name the State Council notice the dates come from");
        }
        for (Range range : nullSafe(file.holidays())) {
            if (range.from() == null || range.to() == null || range.to().isBefore(range.from())) {
                throw new IllegalStateException(name + ": holiday " + range.name() + " needs from ≤ to");
            }
        }
        for (Workday workday : nullSafe(file.workdays())) {
            if (workday.date() == null) {
                throw new IllegalStateException(name + ": a workday has no date");
            }
            DayOfWeek day = workday.date().getDayOfWeek();
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                throw new IllegalStateException(name + ": make-up working day " + workday.date() + " is a " + day
                        + "; only a Saturday or Sunday can be one");
            }
        }
        return file;
    }

    private static WorkingDays merge(Map<Integer, YearFile> files) {
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> workdays = new HashMap<>();
        Set<Integer> years = new HashSet<>();
        for (YearFile file : files.values()) {
            years.add(file.year());
            for (Range range : nullSafe(file.holidays())) {
                for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
                    holidays.put(day, range.name());
                }
            }
            for (Workday workday : nullSafe(file.workdays())) {
                workdays.put(workday.date(), workday.name());
            }
        }
        return new WorkingDays(holidays, workdays, years);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
