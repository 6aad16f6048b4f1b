package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * prod's own host scripts, run for real (issue 22, item 8): the rendered fetch-secrets.sh and backup.sh, exactly
 * as cloud-init writes them to /opt/opsstack/bin, with the real AWS CLI v2 against moto and a local PostgreSQL
 * server standing in for the RDS instance, then docs/runbook.md's pg_dump restore, read from the doc, into an
 * empty database. The host is {@link HostSandbox} (a mount namespace: the scripts' absolute paths land in the
 * scratch folder), the database {@link LocalPostgres}; moto's instance prod-postgres is created with the local
 * server's port, so describe-db-instances gives the port the URL needs, and the docker shim points libpq at
 * 127.0.0.1 (PGHOSTADDR) for moto's endpoint name, which resolves to nothing here.
 *
 * <p>Lines that cannot run here: the runbook's {@code systemctl stop/start opsstack.service} (no systemd, no app
 * service: the test is the only client of the database), skipped and asserted below. What is not proven: the
 * PostgreSQL versions (Debian's 15 client and server here; the hosts run postgres:16-alpine against RDS 16.4), the
 * TLS certificate of RDS (sslmode=require checks none) and IAM (moto evaluates none; docs/iam.md's matrix does).
 * The object's KMS key is checked: the launcher gives, as S3 does, AWS's managed key aws/s3 to an upload that asks
 * for aws:kms without naming a key (backup.sh did, until it left the choice to the bucket's default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostScriptsPostgresTest {

    static final String ENV = "prod";
    /** Tables with several rows, and content that a lossy round trip would change (NULL, quotes, newlines...). */
    static final String SEED = """
            SET ROLE app_admin;
            CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE,
                created timestamptz NOT NULL, note text);
            CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
                total numeric(12,2) NOT NULL, items jsonb NOT NULL, placed date NOT NULL);
            CREATE TABLE attachments (id int PRIMARY KEY, order_id bigint REFERENCES orders, data bytea);
            CREATE INDEX orders_by_customer ON orders (customer_id);
            CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
            INSERT INTO customers (name, email, created, note) VALUES
              ('Ada Lovelace', 'ada@example.com', '2026-01-02 03:04:05.678+00', NULL),
              ('Zoë Ünïcødé', 'zoe@example.com', '2026-02-03 04:05:06+01', 'line one
            line two'),
              ('Seán O''Brien', NULL, '2026-03-04 05:06:07+00', E'tab\\there, backslash \\\\ and "quotes"'),
              ('Grace Hopper', 'grace@example.com', '2026-04-05 06:07:08+00', '');
            DELETE FROM customers WHERE name = 'Grace Hopper';
            INSERT INTO customers (name, email, created) VALUES ('Edsger Dijkstra', 'ewd@example.com', now());
            INSERT INTO orders (customer_id, total, items, placed) VALUES
              (1, 12.50, '{"sku": "A-1", "qty": 2}', '2026-05-01'),
              (1, 0.01, '[]', '2026-05-02'),
              (2, 99999.99, '{"sku": "Z-9", "tags": ["ü", null]}', '2026-05-03'),
              (3, 7.00, '{"note": "it''s"}', '2026-05-04'),
              (5, 1.23, '{}', '2026-05-05');
            INSERT INTO attachments VALUES (1, 1, '\\x00ff10e2'), (2, 3, ''), (3, NULL, NULL);
            """;
    static final List<String> TABLES = List.of("customers", "orders", "attachments");

    private Path scratch;

    private LocalPostgres pg;
    private HostSandbox host;
    private JsonNode aws;

    @BeforeAll
    void startHost() throws Exception {
        HostSandbox.requireTools();
        scratch = Files.createTempDirectory("opsstack-hostscripts-");
        pg = LocalPostgres.start();
        host = HostSandbox.start(scratch, "us-east-1");
        aws = host.setup(ENV, pg.port);
        // The instance as RDS creates it: the master user, its password (the secret's), the database it owns.
        pg.superuser("postgres", "CREATE ROLE app_admin LOGIN PASSWORD '" + aws.get("password").asText() + "'");
        List<String> installed = host.installFromCloudInit(HostFiles.shipped().resolve(ENV));
        assertTrue(installed.containsAll(List.of("/opt/opsstack/bin/fetch-secrets.sh", "/opt/opsstack/bin/backup.sh")),
                installed.toString());
    }

    /** Every test starts from the seeded database. */
    @BeforeEach
    void seed() throws Exception {
        emptyDatabase();
        pg.superuser("app", SEED);
    }

    @AfterAll
    void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
        if (pg != null) {
            pg.close();
        }
        HostSandbox.delete(scratch);
    }

    @Test
    @Order(1)
    void fetchSecretsWritesTheEnvFileTheServiceReads() throws Exception {
        HostSandbox.Result r = host.sh("aws ssm get-parameter --name /opsstack/prod/grafana/admin-password");
        assertTrue(r.exit() != 0 && r.output().contains("ParameterNotFound"), "a first boot: " + r.output());
        r = host.sh("/opt/opsstack/bin/fetch-secrets.sh");
        assertEquals(0, r.exit(), r.output());
        Path envFile = host.host("/opt/opsstack/app.env");
        // The URL from its parts as the setup created them (not from the template): moto's endpoint, the secret.
        String url = "postgresql://app_admin:" + aws.get("password").asText() + "@" + aws.get("address").asText()
                + ":" + pg.port + "/app?sslmode=require";
        assertEquals(List.of("DATABASE_URL=" + url, "ENVIRONMENT=prod"), Files.readAllLines(envFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));
        assertTrue(Files.readString(host.host("/opt/opsstack/docker-compose.yml")).contains("env_file: ./app.env"),
                "the compose file no longer reads the file fetch-secrets.sh writes");

        // Grafana's password: created in SSM as a SecureString at the first run, read back at the next.
        Path pw = host.host("/opt/opsstack/secrets/grafana_admin_password");
        String first = Files.readString(pw);
        assertTrue(first.matches("[A-Za-z0-9]{32}"), first);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        assertEquals(472, (int) Files.getAttribute(pw, "unix:uid"));
        JsonNode param = host.json("aws ssm get-parameter --name /opsstack/prod/grafana/admin-password"
                + " --with-decryption --output json").get("Parameter");
        assertEquals("SecureString", param.get("Type").asText());
        assertEquals(first, param.get("Value").asText());
        r = host.sh("/opt/opsstack/bin/fetch-secrets.sh");
        assertEquals(0, r.exit(), r.output());
        assertEquals(first, Files.readString(pw), "a second boot must keep the stored password");
    }

    @Test
    @Order(2)
    void backupThenTheRunbooksRestoreIntoAnEmptyDatabaseLosesNoRow() throws Exception {
        assertEquals(0, host.sh("/opt/opsstack/bin/fetch-secrets.sh").exit());
        Map<String, String> before = content();
        assertEquals(4, before.get("customers").lines().count(), before.get("customers"));
        assertEquals(5, before.get("orders").lines().count(), before.get("orders"));

        // 1. backup.sh: pg_dump (custom format) through the docker shim, streamed to S3 with SSE-KMS.
        HostSandbox.Result r = host.sh("/opt/opsstack/bin/backup.sh");
        assertEquals(0, r.exit(), r.output());
        String bucket = aws.get("bucket").asText();
        String key = uploadedKey(r.output(), bucket);
        assertTrue(key.matches("pg_dump/prod/\\d{4}-\\d{2}-\\d{2}\\.dump"), key);
        assertTrue(host.dockerRuns().contains("postgres:16-alpine pg_dump"), host.dockerRuns().toString());
        JsonNode head = host.json("aws s3api head-object --bucket " + bucket + " --key " + key + " --output json");
        assertEquals("aws:kms", head.get("ServerSideEncryption").asText(), head.toString());
        // The environment's data key (the bucket's default, which the IAM matrix's host-writes-backups assumes),
        // not AWS's managed aws/s3 key: S3 takes that one for a request that says aws:kms and names no key.
        assertEquals(aws.get("keyArn").asText(), head.path("SSEKMSKeyId").asText(), head.toString());
        assertTrue(head.get("ContentLength").asLong() > 1000, head.toString());

        // 2. The same day again: skipped, as the script says; the bucket (versioned) still holds one version.
        r = host.sh("/opt/opsstack/bin/backup.sh");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("s3://" + bucket + "/" + key + " exists: another host backed up today"),
                r.output());
        JsonNode versions = host.json("aws s3api list-object-versions --bucket " + bucket + " --prefix " + key
                + " --output json");
        assertEquals(1, versions.get("Versions").size(), versions.toString());

        // 3. A fresh, empty database (as a new instance has), then the runbook's restore as the doc shows it.
        emptyDatabase();
        assertEquals("0", pg.superuser("app",
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim());
        RunbookBlock restore = restoreBlock(aws.get("account").asText(), key.substring("pg_dump/prod/".length(),
                key.length() - ".dump".length()));
        assertEquals(List.of("systemctl stop opsstack.service", "systemctl start opsstack.service"),
                restore.skipped(), "lines of the runbook's restore this test cannot run changed");
        r = host.sh(restore.script());
        assertEquals(0, r.exit(), restore.script() + "\n" + r.output());
        assertTrue(host.dockerRuns().contains("postgres:16-alpine pg_restore"), host.dockerRuns().toString());

        // 4. Every row, by content, and the sequences: an insert after the restore gets the next id.
        assertEquals(before, content());
    }

    @Test
    @Order(3)
    void failsToRestoreACorruptedDump() throws Exception {
        assertEquals(0, host.sh("/opt/opsstack/bin/fetch-secrets.sh").exit());
        HostSandbox.Result r = host.sh("/opt/opsstack/bin/backup.sh");
        assertEquals(0, r.exit(), r.output());
        String bucket = aws.get("bucket").asText();
        String key = "pg_dump/prod/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".dump";
        // The day's dump with bytes in its middle overwritten, stored as another day's backup.
        r = host.sh("aws s3 cp s3://" + bucket + "/" + key + " /tmp/good.dump"
                + " && python3 -c 'import sys; b = bytearray(open(\"/tmp/good.dump\", \"rb\").read());"
                + " n = len(b) // 2; b[n:n + 64] = bytes(64); open(\"/tmp/bad.dump\", \"wb\").write(b)'"
                + " && aws s3 cp /tmp/bad.dump s3://" + bucket + "/pg_dump/prod/1999-01-01.dump");
        assertEquals(0, r.exit(), r.output());
        emptyDatabase();
        RunbookBlock restore = restoreBlock(aws.get("account").asText(), "1999-01-01");
        r = host.sh(restore.script());
        assertNotEquals(0, r.exit(), "the runbook's restore must fail on a corrupted dump:\n" + r.output());
        assertTrue(r.output().contains("pg_restore: error: entry ID 0 out of range -- perhaps a corrupt TOC"),
                r.output());
        // And the content comparison tells a restored database from the original: a lost row shows.
        emptyDatabase();
        pg.superuser("app", SEED);
        Map<String, String> full = content();
        emptyDatabase();
        pg.superuser("app", SEED + "DELETE FROM attachments WHERE id = 2;");
        assertNotEquals(full, content());
    }

    private RunbookBlock restoreBlock(String account, String date) throws Exception {
        Map<String, String> replace = new LinkedHashMap<>();
        replace.put(RunbookBlock.quoteRegex("<account>"), account);
        replace.put("pg_dump/prod/\\d{4}-\\d{2}-\\d{2}\\.dump", "pg_dump/prod/" + date + ".dump");
        return RunbookBlock.read("**From a `pg_dump` file**", replace, List.of("systemctl "));
    }

    /** DROP and CREATE the database, owned by the master user, as a new instance has it. */
    private void emptyDatabase() throws Exception {
        pg.superuser("postgres", "DROP DATABASE IF EXISTS app WITH (FORCE)");
        pg.superuser("postgres", "CREATE DATABASE app OWNER app_admin");
    }

    /** Each table's rows in id order (COPY text format), the view's rows, and each sequence's state. */
    private Map<String, String> content() throws Exception {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tables", pg.superuser("app", "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                + " WHERE schemaname = 'public'"));
        for (String t : TABLES) {
            c.put(t, pg.superuser("app", "COPY (SELECT * FROM " + t + " ORDER BY id) TO STDOUT"));
        }
        c.put("order_totals", pg.superuser("app", "SELECT * FROM order_totals ORDER BY customer_id"));
        c.put("sequences", pg.superuser("app", "SELECT last_value, is_called FROM customers_id_seq UNION ALL"
                + " SELECT last_value, is_called FROM orders_id_seq"));
        c.put("owners", pg.superuser("app", "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables"
                + " WHERE schemaname = 'public'"));
        return c;
    }

    private static String uploadedKey(String output, String bucket) {
        Matcher m = Pattern.compile("backed up to s3://" + Pattern.quote(bucket) + "/(\\S+)").matcher(output);
        assertTrue(m.find(), output);
        return m.group(1);
    }
}
