package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * poc's own host scripts, run for real (issue 22, item 8): SQLite on the data volume. fetch-secrets.sh and the
 * hourly backup.sh as cloud-init writes them (/opt/opsstack/bin), with the real sqlite3 and AWS CLI v2 against
 * moto, on {@link HostSandbox} (/data and /opt/opsstack are scratch folders in a mount namespace); then
 * docs/runbook.md's SQLite restore, read from the doc. The backup is taken while a writer holds the database open
 * in WAL mode with rows only in the WAL (not checkpointed), as the app would: the copy must hold them.
 *
 * <p>Lines that cannot run here: the runbook's {@code systemctl stop/start opsstack.service} (no systemd, no app:
 * the test stops its writer itself) and {@code curl -s localhost/ready} (no app), skipped and asserted below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostScriptsSqliteTest {

    static final String ENV = "poc";
    static final String SCHEMA = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,
              body TEXT, created TEXT NOT NULL, score REAL, attachment BLOB);
            CREATE TABLE IF NOT EXISTS tags (note_id INTEGER NOT NULL REFERENCES notes(id), tag TEXT NOT NULL,
              PRIMARY KEY (note_id, tag));
            CREATE INDEX IF NOT EXISTS tags_by_tag ON tags(tag);
            """;
    /** Checkpointed rows (in app.db itself), several pages of them. */
    static final String ROWS = """
            INSERT INTO notes (title, body, created, score, attachment) VALUES
              ('first', NULL, '2026-11-23T09:00:00Z', 1.5, x'00ff'),
              ('Zoë''s', 'line one
            line two', '2026-11-23T09:01:00Z', -0.25, NULL),
              ('quotes "and" tabs	here', '', '2026-11-23T09:02:00Z', NULL, x'');
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
              INSERT INTO notes (title, body, created) SELECT 'bulk ' || i, printf('%.200c', 'x'), '2026-11-23' FROM n;
            INSERT INTO tags VALUES (1, 'a'), (1, 'b'), (2, 'ü'), (3, 'a');
            DELETE FROM notes WHERE title = 'bulk 7';
            """;
    /** Rows the writer commits and keeps in the WAL while backup.sh runs. */
    static final List<String> WAL_ROWS = List.of(
            "INSERT INTO notes (title, body, created) VALUES ('in the WAL only', 'not checkpointed', '2026-11-23T10')",
            "INSERT INTO tags VALUES (4, 'wal')");

    private Path scratch;
    private HostSandbox host;
    private JsonNode aws;

    @BeforeAll
    void startHost() throws Exception {
        HostSandbox.requireTools();
        scratch = Files.createTempDirectory("opsstack-hostscripts-");
        host = HostSandbox.start(scratch, "us-east-1");
        aws = host.setup(ENV, null);
        List<String> installed = host.installFromCloudInit(HostFiles.shipped().resolve(ENV));
        assertTrue(installed.containsAll(List.of("/opt/opsstack/bin/fetch-secrets.sh", "/opt/opsstack/bin/backup.sh")),
                installed.toString());
    }

    @BeforeEach
    void seed() throws Exception {
        try (Stream<Path> files = Files.list(host.host("/data/"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        sqlite(host.host("/data/app.db"), SCHEMA + ROWS);
    }

    @AfterAll
    void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
        HostSandbox.delete(scratch);
    }

    @Test
    void fetchSecretsPointsTheServiceAtTheDataVolume() throws Exception {
        HostSandbox.Result r = host.sh("/opt/opsstack/bin/fetch-secrets.sh");
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of("DATABASE_URL=sqlite:////data/app.db", "ENVIRONMENT=poc"),
                Files.readAllLines(host.host("/opt/opsstack/app.env")));
        assertTrue(Files.readString(host.host("/opt/opsstack/secrets/grafana_admin_password"))
                .matches("[A-Za-z0-9]{32}"));
    }

    @Test
    void hourlyBackupWhileTheAppWritesThenTheRunbooksRestoreLosesNoRow() throws Exception {
        String key;
        String before;
        try (Writer w = new Writer(host.host("/data/app.db"))) {
            assertTrue(Files.size(host.host("/data/app.db-wal")) > 0, "the writer's rows must be in the WAL");
            HostSandbox.Result r = host.sh("/opt/opsstack/bin/backup.sh");
            assertEquals(0, r.exit(), r.output());
            key = uploadedKey(r.output());
            before = dump(host.host("/data/app.db"));
        }
        assertTrue(before.contains("in the WAL only"), "the WAL's rows are part of the database");
        assertTrue(key.matches("sqlite/poc/\\d{4}-\\d{2}-\\d{2}T\\d{4}\\.db\\.gz"), key);
        JsonNode head = host.json("aws s3api head-object --bucket " + aws.get("bucket").asText() + " --key " + key
                + " --output json");
        assertEquals("aws:kms", head.get("ServerSideEncryption").asText(), head.toString());
        // The environment's data key (the bucket's default, which the IAM matrix's host-writes-backups assumes),
        // not AWS's managed aws/s3 key: S3 takes that one for a request that says aws:kms and names no key.
        assertEquals(aws.get("keyArn").asText(), head.path("SSEKMSKeyId").asText(), head.toString());

        // The database is lost or damaged after the backup: rows gone, a row that the backup does not have.
        sqlite(host.host("/data/app.db"), "DELETE FROM tags; DELETE FROM notes WHERE id < 100;"
                + " INSERT INTO notes (title, created) VALUES ('after the backup', 'later');");
        String damaged = dump(host.host("/data/app.db"));
        assertNotEquals(before, damaged);

        RunbookBlock restore = restoreBlock(stampOf(key));
        assertEquals(List.of("systemctl stop opsstack.service", "systemctl start opsstack.service",
                "curl -s localhost/ready"), restore.skipped(), "lines of the runbook's restore this test cannot run");
        HostSandbox.Result r = host.sh(restore.script());
        assertEquals(0, r.exit(), restore.script() + "\n" + r.output());
        assertTrue(r.output().lines().anyMatch("ok"::equals), "integrity_check must print ok:\n" + r.output());
        assertEquals(before, dump(host.host("/data/app.db")), "the restore must give back every row");
        assertEquals(403, count(host.host("/data/app.db"), "notes"));
        try (Stream<Path> kept = Files.list(host.host("/data/"))) {
            List<Path> broken = kept.filter(p -> p.getFileName().toString().startsWith("app.db.broken-")).toList();
            assertEquals(1, broken.size(), "the runbook keeps what was there");
            assertEquals(damaged, dump(broken.get(0)));
        }
    }

    @Test
    void failsToBackUpACorruptedDatabase() throws Exception {
        String listing = "aws s3api list-object-versions --bucket " + aws.get("bucket").asText()
                + " --prefix sqlite/poc/ --query 'length(Versions || `[]`)' --output text";
        String objects = host.sh(listing).output().trim();
        corrupt(host.host("/data/app.db"));
        HostSandbox.Result r = host.sh("/opt/opsstack/bin/backup.sh");
        assertNotEquals(0, r.exit(), "backup.sh must refuse a copy that fails integrity_check:\n" + r.output());
        assertFalse(r.output().contains("backed up to"), r.output());
        assertEquals(objects, host.sh(listing).output().trim(), "nothing may be uploaded");
    }

    @Test
    void failsToRestoreACorruptedBackup() throws Exception {
        HostSandbox.Result r = host.sh("/opt/opsstack/bin/backup.sh");
        assertEquals(0, r.exit(), r.output());
        String bucket = aws.get("bucket").asText();
        r = host.sh("aws s3 cp s3://" + bucket + "/" + uploadedKey(r.output()) + " /tmp/good.db.gz"
                + " && gunzip -c /tmp/good.db.gz > /tmp/bad.db");
        assertEquals(0, r.exit(), r.output());
        corrupt(host.host("/tmp/bad.db"));
        r = host.sh("gzip -9 -c /tmp/bad.db > /tmp/bad.db.gz && aws s3 cp /tmp/bad.db.gz s3://" + bucket
                + "/sqlite/poc/1999-01-01T0000.db.gz");
        assertEquals(0, r.exit(), r.output());
        RunbookBlock restore = restoreBlock("1999-01-01T0000");
        r = host.sh(restore.script());
        assertTrue(r.output().contains("*** in database main ***"), r.output());
        assertFalse(r.output().lines().anyMatch("ok"::equals),
                "the runbook's integrity_check must not print ok for a corrupted backup:\n" + r.output());
    }

    private RunbookBlock restoreBlock(String stamp) throws Exception {
        Map<String, String> replace = new LinkedHashMap<>();
        replace.put(RunbookBlock.quoteRegex("<account>"), aws.get("account").asText());
        replace.put("\\d{4}-\\d{2}-\\d{2}T\\d{4}\\.db\\.gz", stamp + ".db.gz");
        int section = Files.readString(RunbookBlock.RUNBOOK).indexOf("### SQLite environments");
        assertTrue(section >= 0, "docs/runbook.md has no SQLite section");
        return RunbookBlock.read("- **Restore** (RTO 10 min", replace, List.of("systemctl ", "curl "));
    }

    /** Overwrites the middle of a table's b-tree (page 5 on, 4 KiB pages): the header stays, the rows do not. */
    private static void corrupt(Path db) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            assertTrue(f.length() > 8 * 4096, "the database has too few pages to corrupt: " + f.length());
            f.seek(4 * 4096 + 8);
            f.write(new byte[3 * 4096]);
        }
    }

    private static String stampOf(String key) {
        return key.substring("sqlite/poc/".length(), key.length() - ".db.gz".length());
    }

    private String uploadedKey(String output) {
        Matcher m = Pattern.compile("backed up to s3://" + Pattern.quote(aws.get("bucket").asText()) + "/(\\S+)")
                .matcher(output);
        assertTrue(m.find(), output);
        return m.group(1);
    }

    /** The whole database as SQL text (schema and every row), which is what "no row lost" compares. */
    private static String dump(Path db) throws Exception {
        return sqlite(db, ".dump");
    }

    private static long count(Path db, String table) throws Exception {
        return Long.parseLong(sqlite(db, "SELECT count(*) FROM " + table + ";").trim());
    }

    private static String sqlite(Path db, String sql) throws Exception {
        HostSandbox.Result r = HostSandbox.exec(List.of("sqlite3", "-bail", db.toString(), sql),
                Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
        assertEquals(0, r.exit(), sql + "\n" + r.output());
        return r.output();
    }

    /**
     * The app: a connection that keeps the database open in WAL mode with automatic checkpoints off, after
     * committing {@link #WAL_ROWS}; closed (checkpointing then) by close().
     */
    private static final class Writer implements AutoCloseable {
        private final Process p;

        Writer(Path db) throws Exception {
            String code = "import sqlite3, sys\n"
                    + "c = sqlite3.connect(sys.argv[1])\n"
                    + "c.execute('PRAGMA wal_autocheckpoint=0')\n"
                    + "for s in sys.argv[2:]:\n"
                    + "    c.execute(s)\n"
                    + "c.commit()\n"
                    + "print('ready', flush=True)\n"
                    + "sys.stdin.read()\n"
                    + "c.close()\n";
            List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", code, db.toString()));
            command.addAll(WAL_ROWS);
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
        }

        @Override
        public void close() throws Exception {
            p.getOutputStream().close();
            p.waitFor();
        }
    }
}
