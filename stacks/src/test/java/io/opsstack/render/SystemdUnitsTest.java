package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every host's systemd units, checked by systemd itself: {@code systemd-analyze verify} (Debian package
 * {@code systemd}, 252 here as on Amazon Linux 2023) loads them as the host's systemd would, and
 * {@code systemctl enable} applies their [Install] sections as cloud-init's runcmd does. No systemd needs to run:
 * both work on a file tree given with {@code --root}. That tree is the host's, built from the user data itself
 * (every write_files entry at its path with its permissions, so a unit naming a script that is not written or not
 * executable fails), plus what the host has that the user data does not write:
 * <ul>
 * <li>systemd's own targets (sysinit.target, multi-user.target, timers.target, network-online.target...), copied
 * from this machine's systemd package;
 * <li>docker.service and /usr/bin/docker, which runcmd's {@code dnf install -y docker} brings on the host: stubs.
 * </ul>
 * {@code verify} exits 0 on many mistakes and only prints them ("Unknown key 'ExecStrat' in section [Service],
 * ignoring", "Unknown section"): so any line it prints that names one of our units fails too.
 */
class SystemdUnitsTest {

    static final Path UNIT_DIR = Path.of("etc/systemd/system");
    static final Path SYSTEMD_UNITS = Path.of("/usr/lib/systemd/system");

    static List<String> hosts() {
        return HostFiles.hosts();
    }

    @ParameterizedTest(name = "{0}: systemd-analyze verify and systemctl enable")
    @MethodSource("hosts")
    void unitsPassSystemdAnalyzeVerifyAndEnable(String host) throws Exception {
        requireTools();
        Path root = hostRoot(HostFiles.shipped().resolve(host));
        List<String> units = units(root);
        assertTrue(units.containsAll(List.of("opsstack.service", "opsstack-backup.service", "opsstack-backup.timer")),
                host + ": " + units);
        List<String> problems = verify(root, units);
        assertEquals(List.of(), problems, host + ": systemd-analyze verify");

        // What runcmd does: enable the service and the timer (their [Install] sections).
        Tools.Result enable = Tools.run(root, "systemctl", "--root=" + root, "enable", "opsstack.service",
                "opsstack-backup.timer");
        assertEquals(0, enable.exit(), host + ": systemctl enable:\n" + enable.output());
        assertTrue(Files.exists(root.resolve(UNIT_DIR).resolve("multi-user.target.wants/opsstack.service"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS), enable.output());
        assertTrue(Files.exists(root.resolve(UNIT_DIR).resolve("timers.target.wants/opsstack-backup.timer"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS), enable.output());
    }

    @Test
    void failsOnATypoedKeyThatSystemdOnlyWarnsAbout() throws Exception {
        requireTools();
        List<String> problems = brokenVariant("opsstack.service.ftl", "\nExecStart=", "\nExecStrat=");
        assertTrue(problems.stream().anyMatch(l -> l.contains("Unknown key 'ExecStrat' in section [Service]")),
                problems.toString());
    }

    @Test
    void failsOnACalendarSpecificationSystemdCannotParse() throws Exception {
        requireTools();
        List<String> problems = brokenVariant("opsstack-backup.timer.ftl", "OnCalendar=${onCalendar}",
                "OnCalendar=*-*-* 25:00:00 UTC");
        assertTrue(problems.stream().anyMatch(l -> l.contains("Failed to parse calendar specification")),
                problems.toString());
    }

    @Test
    void failsOnACommandTheUserDataDoesNotWrite() throws Exception {
        requireTools();
        List<String> problems = brokenVariant("opsstack.service.ftl", "/bin/fetch-secrets.sh", "/bin/fetch-secret.sh");
        assertTrue(problems.stream().anyMatch(l -> l.contains("/opt/opsstack/bin/fetch-secret.sh is not executable")),
                problems.toString());
    }

    private static void requireTools() {
        Tools.require("systemd-analyze", "systemd");
        Tools.require("systemctl", "systemd");
    }

    /** prod rendered from a copy of the templates with one replacement; what verify finds in its units. */
    private static List<String> brokenVariant(String template, String from, String to) throws Exception {
        Path templates = RenderedConfigsTest.copyTemplates();
        Path t = templates.resolve(template);
        String original = Files.readString(t);
        assertTrue(original.contains(from), template + " no longer contains " + from);
        Files.writeString(t, original.replace(from, to));
        Path root = hostRoot(HostFiles.render(templates, List.of("prod")).resolve("prod"));
        List<String> problems = verify(root, units(root));
        assertTrue(!problems.isEmpty(), "systemd-analyze verify must report the broken " + template);
        return problems;
    }

    /**
     * Runs verify on the units; returns the failures: everything it printed if it exited non-zero, else every line
     * that names one of the units (its file or its name). Lines naming none of them are about this machine, not
     * the units (e.g. a host target copied in referring to something the container lacks): printed, not failed.
     */
    static List<String> verify(Path root, List<String> units) throws Exception {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify",
                // Generators would read this container's /etc/fstab and the like; man pages are not the units'.
                "--generators=no", "--man=no", "--root=" + root));
        command.addAll(units);
        Tools.Result r = Tools.run(root, command.toArray(String[]::new));
        List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
        if (r.exit() != 0) {
            return lines.isEmpty() ? List.of("exit " + r.exit()) : lines;
        }
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            if (units.stream().anyMatch(line::contains)) {
                problems.add(line);
            } else {
                System.err.println("systemd-analyze (not about our units, ignored): " + line);
            }
        }
        return problems;
    }

    /** The host's file tree as the user data leaves it, with the stubs and targets described above. */
    @SuppressWarnings("unchecked")
    static Path hostRoot(Path rendered) throws IOException {
        Path root = Files.createTempDirectory("opsstack-host-root-");
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(rendered.resolve(Renderer.CLOUD_INIT)));
        for (Map<String, Object> f : (List<Map<String, Object>>) doc.get("write_files")) {
            Path target = root.resolve(((String) f.get("path")).substring(1));
            Files.createDirectories(target.getParent());
            Files.writeString(target, (String) f.get("content"));
            Files.setPosixFilePermissions(target, permissions((String) f.get("permissions")));
        }
        Path docker = root.resolve("usr/bin/docker");
        Files.createDirectories(docker.getParent());
        Files.writeString(docker, "#!/bin/sh\n# stub: the docker package's CLI\n");
        Files.setPosixFilePermissions(docker, permissions("0755"));
        Path systemUnits = root.resolve(SYSTEMD_UNITS.toString().substring(1));
        Files.createDirectories(systemUnits);
        Files.writeString(systemUnits.resolve("docker.service"), "# stub: the docker package's unit\n[Unit]\n"
                + "Description=Docker Application Container Engine (stub)\n\n[Service]\nExecStart=/usr/bin/docker\n");
        if (!Files.isDirectory(SYSTEMD_UNITS)) {
            fail(SYSTEMD_UNITS + " is missing: systemd's targets come from the systemd package");
        }
        try (Stream<Path> targets = Files.list(SYSTEMD_UNITS)) {
            for (Path target : targets.filter(p -> p.toString().endsWith(".target") && Files.isRegularFile(p))
                    .toList()) {
                Files.copy(target, systemUnits.resolve(target.getFileName()));
            }
        }
        return root;
    }

    /** The unit files the user data writes, by name. */
    static List<String> units(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(UNIT_DIR))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        int mode = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }
}
