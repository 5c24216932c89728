package org.planwatch.console.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.planwatch.console.config.ConsoleConfig;
import org.planwatch.deploy.credentials.PasswordHashes;

/**
 * The users file ({@code planwatch.console.users-file}), read at each sign-in so a changed file
 * takes effect without a restart.
 */
@ApplicationScoped
public class UserDirectory {

    record UsersFile(List<ConsoleUser> users) {
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ConsoleConfig config;

    public UserDirectory(ConsoleConfig config) {
        this.config = config;
    }

    /** The user whose upn and password these are, if any. */
    public Optional<ConsoleUser> authenticate(String upn, String password) {
        if (upn == null || password == null || upn.isBlank()) {
            return Optional.empty();
        }
        return users().stream()
                .filter(user -> user.upn().equals(upn.strip()))
                .filter(user -> PasswordHashes.matches(password, user.passwordHash()))
                .findFirst();
    }

    List<ConsoleUser> users() {
        if (!Files.isReadable(config.usersFile())) {
            throw new IllegalStateException("the users file " + config.usersFile() + " cannot be read (PLANWATCH_CONSOLE_USERS)");
        }
        try {
            UsersFile file = yaml.readValue(config.usersFile().toFile(), UsersFile.class);
            return file.users() == null ? List.of() : file.users();
        } catch (IOException e) {
            throw new UncheckedIOException("the users file " + config.usersFile() + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
