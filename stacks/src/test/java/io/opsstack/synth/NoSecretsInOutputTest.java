package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nothing under cdktf.out looks like a secret value: credentials live in Secrets Manager, never in our output. */
class NoSecretsInOutputTest {

    /** A password-like key with a literal (non-reference) value, in JSON or YAML or env-file form. */
    static final Pattern LITERAL_PASSWORD = Pattern.compile(
            "(?i)\"?[a-z_]*(password|passwd|secret_key|secret_string)\"?\\s*[:=]\\s*\"?(?!\\$\\{)([^\"\\s,}]{1,})");
    /** Credentials inside a connection URL. */
    static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)[a-z+]+://[^/\\s:@\"]+:[^/\\s@\"$]+@");

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    static List<String> scan(Path dir) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (Pattern p : List.of(LITERAL_PASSWORD, URL_CREDENTIALS)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        String hit = m.group();
                        // manage_master_user_password: true is the opposite of a secret.
                        if (hit.matches("(?is).*manage_master_user_password\"?\\s*:\\s*(true|false).*")) {
                            continue;
                        }
                        hits.add(dir.relativize(f) + ": " + hit);
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void synthesizedOutputHasNoSecretValues() throws IOException {
        assertEquals(List.of(), scan(fx.out));
    }

    @Test
    void theScannerFindsPlantedSecrets() throws IOException {
        Path dir = Files.createTempDirectory("opsstack-secrets-");
        Files.writeString(dir.resolve("a.json"), "{\"password\": \"hunter2\"}");
        Files.writeString(dir.resolve("b.env"), "DATABASE_URL=postgres://app:s3cr3t@db:5432/app\n");
        Files.writeString(dir.resolve("c.json"), "{\"password\": \"${data.aws_secretsmanager_secret.x.value}\","
                + " \"manage_master_user_password\": true}");
        List<String> hits = scan(dir);
        assertEquals(2, hits.size(), hits.toString());
        assertTrue(hits.get(0).startsWith("a.json") && hits.get(1).startsWith("b.env"), hits.toString());
    }
}
