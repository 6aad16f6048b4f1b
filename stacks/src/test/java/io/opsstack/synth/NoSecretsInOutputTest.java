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

    /**
     * A password-like key with a literal value, in JSON or YAML or env-file form. Not literals: a "${...}"
     * reference, a JSON block (the ephemeral resource aws_secretsmanager_random_password opens one), and an
     * ephemeral value inside a Terraform expression (the master secret's write-only JSON).
     */
    static final Pattern LITERAL_PASSWORD = Pattern.compile(
            "(?i)(?<![\\w/.-])\"?[a-z_]*(password|passwd|secret_key|secret_string)\"?\\s*[:=]\\s*\"?"
                    + "(?!\\$|\\{|ephemeral\\.)"
                    + "([^\"\\s,}]{1,})");
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
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    // Comments (YAML, shell, systemd) describe; they hold no values.
                    if (!line.stripLeading().startsWith("#")) {
                        scanLine(dir.relativize(f) + ": ", line, hits);
                    }
                }
            }
        }
        return hits;
    }

    private static void scanLine(String where, String line, List<String> hits) {
        for (Pattern p : List.of(LITERAL_PASSWORD, URL_CREDENTIALS)) {
            Matcher m = p.matcher(line);
            while (m.find()) {
                // manage_master_user_password: true is the opposite of a secret.
                if (!m.group().matches("(?is).*manage_master_user_password\"?\\s*:\\s*(true|false).*")) {
                    hits.add(where + m.group());
                }
            }
        }
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
        // Not secrets: the ephemeral resource's block and the write-only JSON built from it. A secret: a literal
        // inside that JSON.
        Files.writeString(dir.resolve("e.json"), "{\"aws_secretsmanager_random_password\": {\"x\": {}},\n"
                + "\"secret_string_wo\": \"${jsonencode({username = \\\"u\\\","
                + " password = ephemeral.a.b.random_password})}\"}\n"
                + "\"secret_string_wo\": \"${jsonencode({username = \\\"u\\\", password = \\\"hunter4\\\"})}\"}\n");
        // Not secrets: a comment, a mount path naming a secret file, a shell variable, a URL built from variables.
        Files.writeString(dir.resolve("d.sh"), "# admin password: generated at boot\n"
                + "  - ./secrets/grafana_admin_password:/run/secrets/grafana_admin_password:ro\n"
                + "password=$(cat /run/secrets/x)\nDATABASE_URL=postgresql://$user:$password@$host/app\n");
        List<String> hits = scan(dir);
        assertEquals(3, hits.size(), hits.toString());
        assertTrue(hits.get(0).startsWith("a.json") && hits.get(1).startsWith("b.env"), hits.toString());
        assertTrue(hits.get(2).startsWith("e.json: password = "), "the literal in the JSON: " + hits);
    }
}
