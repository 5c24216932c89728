package org.planwatch.deploy.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;

/**
 * The console's users file (YAML): one entry per user with upn, name, PBKDF2 password hash
 * ({@link PasswordHashes}), groups, regions and department: what the console signs people in with
 * and what their tokens then say.
 */
public final class ConsoleUsers {

    private ConsoleUsers() {
    }

    /** Writes {@code file} for {@code passwords} (upn → password) of {@code subjects} (upn → who). */
    public static void write(Path file, Map<String, Subject> subjects, Map<String, String> passwords) {
        StringBuilder yaml = new StringBuilder("# planwatch console users (PLANWATCH_CONSOLE_USERS); passwordHash is "
                + "pbkdf2-sha256$iterations$salt$hash\nusers:\n");
        for (Subject subject : subjects.values()) {
            yaml.append("  - upn: ").append(quote(subject.upn())).append('\n')
                    .append("    name: ").append(quote(subject.name())).append('\n')
                    .append("    passwordHash: ").append(quote(PasswordHashes.hash(passwords.get(subject.upn())))).append('\n')
                    .append("    groups: ").append(list(List.copyOf(subject.groups()))).append('\n')
                    .append("    regions: ").append(list(subject.regions())).append('\n')
                    .append("    department: ").append(subject.department() == null ? "null" : quote(subject.department()))
                    .append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console users to " + file, e);
        }
    }

    /** A demo password per upn: those already in {@code signIns} ("upn password" lines) are kept, new ones are random. */
    static Map<String, String> demoPasswords(Path signIns, Iterable<String> upns) {
        Map<String, String> known = new LinkedHashMap<>();
        try {
            if (Files.exists(signIns)) {
                for (String line : Files.readAllLines(signIns, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && !line.startsWith("#")) {
                        known.put(parts[0], parts[1]);
                    }
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String upn : upns) {
                passwords.put(upn, known.getOrDefault(upn, PasswordHashes.randomPassword(12)));
            }
            Files.createDirectories(signIns.toAbsolutePath().getParent());
            Files.writeString(signIns, "# demo sign-ins of the planwatch console: upn password\n" + passwords.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            signIns.toFile().setReadable(false, false);
            signIns.toFile().setReadable(true, true);
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo sign-ins to " + signIns, e);
        }
    }

    private static String list(List<String> values) {
        return values.stream().map(ConsoleUsers::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar (the JSON escapes are valid YAML). */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
