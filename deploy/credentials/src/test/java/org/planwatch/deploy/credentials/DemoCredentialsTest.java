package org.planwatch.deploy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCredentialsTest {

    @Test
    void writesAKeyPairAndOneVerifiableTokenPerDemoUserAndKeepsTheKeysOnASecondRun(@TempDir Path dir) throws Exception {
        Map<String, Path> written = DemoCredentials.write(dir, Duration.ofDays(30));
        assertThat(written).containsKeys("admin", "bureau-371600", "bureau-371681", "bureau-371000", "office-371000",
                "department-kejiju");
        String publicKey = Files.readString(dir.resolve(SigningKeys.PUBLIC_KEY_FILE));
        assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");

        String token = Files.readString(written.get("bureau-371681")).strip();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("planwatch");
        assertThat(claims.path("upn").asText()).isEqualTo("bureau-371681");
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("bureau");
        assertThat(claims.path("regions").get(0).asText()).isEqualTo("371681");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        JsonNode department = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(
                Files.readString(written.get("department-kejiju")).strip().split("\\.")[1]));
        assertThat(department.path("department").asText()).isEqualTo("市科技局");

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(SigningKeys.readFrom(dir).publicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed with the generated key").isTrue();

        String signIns = Files.readString(dir.resolve(DemoCredentials.SIGN_INS_FILE));
        String password = signIns.lines().filter(line -> line.startsWith("bureau-371681 ")).findFirst().orElseThrow().split(" ")[1];
        String users = Files.readString(dir.resolve(DemoCredentials.USERS_FILE));
        String hash = users.lines().dropWhile(line -> !line.contains("\"bureau-371681\""))
                .filter(line -> line.contains("passwordHash:")).findFirst().orElseThrow().replaceAll(".*passwordHash: \"(.*)\"", "$1");
        assertThat(PasswordHashes.matches(password, hash)).as("the demo password matches its hash").isTrue();
        assertThat(PasswordHashes.matches(password + "x", hash)).isFalse();
        assertThat(users).contains("name: \"邹平市统计局\"", "regions: [\"371681\"]", "department: \"市科技局\"");

        DemoCredentials.write(dir, Duration.ofDays(30));
        assertThat(Files.readString(dir.resolve(SigningKeys.PUBLIC_KEY_FILE))).as("keys kept").isEqualTo(publicKey);
        assertThat(Files.readString(dir.resolve(DemoCredentials.SIGN_INS_FILE))).as("demo passwords kept").isEqualTo(signIns);
    }
}
