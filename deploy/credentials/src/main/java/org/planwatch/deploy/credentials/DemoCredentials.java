package org.planwatch.deploy.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;

/**
 * {@code java -cp 'planwatch-credentials.jar:lib/*' org.planwatch.deploy.credentials.DemoCredentials
 * --out deploy/.run/credentials [--days 365]}: generates an RSA key pair into the directory (kept if
 * one is there already) and writes one long-lived demo token per file ({@code admin.jwt},
 * {@code bureau-371600.jwt} …), the console's users file ({@value #USERS_FILE}) and the demo sign-ins
 * ({@value #SIGN_INS_FILE}: upn and password, kept across runs). Keys and passwords are made on each
 * machine and never committed.
 */
public final class DemoCredentials {

    public static final String USERS_FILE = "console-users.yaml";
    public static final String SIGN_INS_FILE = "demo-sign-ins.txt";

    /** The demo users: file name (without {@code .jwt}) → who the token speaks for. */
    static final Map<String, Subject> USERS = demoUsers();

    private DemoCredentials() {
    }

    private static Map<String, Subject> demoUsers() {
        Map<String, Subject> users = new LinkedHashMap<>();
        users.put("admin", Subject.admin("admin"));
        users.put("bureau-371600", Subject.bureau("371600", "滨州市统计局"));
        users.put("bureau-371681", Subject.bureau("371681", "邹平市统计局"));
        users.put("bureau-371000", Subject.bureau("371000", "威海市统计局"));
        users.put("office-371000", Subject.office("office-371000", "威海市政府督查室", "371000"));
        users.put("department-kejiju", new Subject("department-kejiju", Set.of("department"), List.of(), "市科技局", "市科技局"));
        return users;
    }

    public static void main(String[] args) {
        Path out = Path.of("deploy/.run/credentials");
        long days = 365;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[i + 1]);
                case "--days" -> days = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --out DIR [--days N])");
            }
        }
        Map<String, Path> written = write(out, Duration.ofDays(days));
        System.out.println("public key: " + out.resolve(SigningKeys.PUBLIC_KEY_FILE).toAbsolutePath());
        written.forEach((user, file) -> System.out.println(user + ": " + file.toAbsolutePath()));
        System.out.println("console users: " + out.resolve(USERS_FILE).toAbsolutePath());
        System.out.println("demo sign-ins: " + out.resolve(SIGN_INS_FILE).toAbsolutePath());
    }

    /** Keys (generated when the directory has none) and one token file per demo user. */
    static Map<String, Path> write(Path directory, Duration lifetime) {
        SigningKeys keys = Files.exists(directory.resolve(SigningKeys.PRIVATE_KEY_FILE))
                && Files.exists(directory.resolve(SigningKeys.PUBLIC_KEY_FILE))
                ? SigningKeys.readFrom(directory) : SigningKeys.generate().writeTo(directory);
        TokenIssuer issuer = new TokenIssuer(keys);
        Map<String, Path> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Subject> user : USERS.entrySet()) {
                Path file = directory.resolve(user.getKey() + ".jwt");
                Files.writeString(file, issuer.mint(user.getValue(), lifetime) + "\n", StandardCharsets.US_ASCII);
                written.put(user.getKey(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo tokens to " + directory, e);
        }
        Map<String, Subject> byUpn = new LinkedHashMap<>();
        USERS.values().forEach(subject -> byUpn.put(subject.upn(), subject));
        ConsoleUsers.write(directory.resolve(USERS_FILE), byUpn,
                ConsoleUsers.demoPasswords(directory.resolve(SIGN_INS_FILE), byUpn.keySet()));
        return written;
    }
}
