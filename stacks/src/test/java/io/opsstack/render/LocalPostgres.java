package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package (initdb and pg_ctl from
 * /usr/lib/postgresql/&lt;newest&gt;/bin), standing in for the RDS instance: on 127.0.0.1 and a free port, SSL on
 * with a self-signed certificate (the hosts' DATABASE_URL says sslmode=require, as RDS allows), password (SCRAM)
 * authentication over TCP, its data folder and Unix socket in a folder of its own. The server refuses to run as
 * root, so as root it runs as the package's {@code postgres} user. Stopped (immediate) and deleted by close().
 */
final class LocalPostgres implements AutoCloseable {

    final int port;
    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;

    private LocalPostgres(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest /usr/lib/postgresql/N/bin holding initdb, or null. */
    static Path binDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** initdb, SSL material, start; the folder is a new one under the system temp folder (postgres can enter it). */
    static LocalPostgres start() throws Exception {
        Path bin = binDir();
        boolean root = "0".equals(HostSandbox.exec(List.of("id", "-u"), Map.of("PATH", "/usr/bin:/bin"))
                .output().trim());
        Path dir = Files.createTempDirectory("opsstack-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = HostSandbox.freePort();
        LocalPostgres pg = new LocalPostgres(dir, bin, port, root);
        if (root) {
            pg.checked(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        Path data = dir.resolve("data");
        pg.checked(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"), true);
        pg.checked(List.of("openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=localhost",
                "-keyout", data.resolve("server.key").toString(), "-out", data.resolve("server.crt").toString()),
                true);
        pg.checked(List.of("chmod", "0600", data.resolve("server.key").toString()), true);
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c ssl=on"
                + " -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c fsync=off";
        pg.checked(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"), true);
        return pg;
    }

    /** Runs SQL as the superuser over the Unix socket; returns psql's unaligned, tuples-only output. */
    String superuser(String database, String sql) throws Exception {
        return psql(database, sql, true);
    }

    String psql(String database, String sql, boolean check) throws Exception {
        HostSandbox.Result r = run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-At", "-v",
                "ON_ERROR_STOP=1", "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres", "-d",
                database, "-c", sql), true);
        if (check) {
            assertEquals(0, r.exit(), sql + "\n" + r.output());
        }
        return r.output();
    }

    private void checked(List<String> command, boolean asServerUser) throws Exception {
        HostSandbox.Result r = run(command, asServerUser);
        if (r.exit() != 0) {
            fail(String.join(" ", command) + " failed:\n" + r.output() + logTail());
        }
    }

    private HostSandbox.Result run(List<String> command, boolean asServerUser) throws Exception {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return HostSandbox.exec(full, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8",
                "PGCONNECT_TIMEOUT", "10"));
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("server.log"));
            return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "-w", "stop"), true);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
