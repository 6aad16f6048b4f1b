package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hosts' shell scripts (every rendered bin/*.sh: fetch-secrets.sh, backup.sh, mount-data.sh...) and the
 * project's own (./opsstack, .ci/run) through {@code shellcheck --severity=warning} (Debian package
 * {@code shellcheck}): warnings and errors fail, style notes and infos do not. mvnw is Maven's wrapper, kept as
 * Maven generates it, and not checked here.
 */
class ShellcheckTest {

    static final List<String> PROJECT_SCRIPTS = List.of("opsstack", ".ci/run");

    static List<String> hosts() {
        return HostFiles.hosts();
    }

    @ParameterizedTest(name = "{0}: shellcheck --severity=warning bin/*.sh")
    @MethodSource("hosts")
    void hostScriptsPassShellcheck(String host) throws Exception {
        Tools.require("shellcheck", "shellcheck");
        Path dir = HostFiles.shipped().resolve(host);
        List<String> scripts = scripts(dir);
        assertTrue(scripts.containsAll(List.of("bin/fetch-secrets.sh", "bin/backup.sh")), host + ": " + scripts);
        Tools.Result r = shellcheck(dir, scripts);
        assertEquals(0, r.exit(), host + ":\n" + r.output());
    }

    @Test
    void projectScriptsPassShellcheck() throws Exception {
        Tools.require("shellcheck", "shellcheck");
        Tools.Result r = shellcheck(SynthFixture.HOME, PROJECT_SCRIPTS);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void failsOnAWarningInARenderedScript() throws Exception {
        Tools.require("shellcheck", "shellcheck");
        Path templates = RenderedConfigsTest.copyTemplates();
        Path t = templates.resolve("backup.sh.ftl");
        String original = Files.readString(t);
        String from = "echo \"backed up to s3://$bucket/$key\"";
        assertTrue(original.contains(from), "backup.sh.ftl no longer contains: " + from);
        // A misspelt variable: set -u would stop the script, but only on the host, at the first backup.
        Files.writeString(t, original.replace(from, from.replace("$bucket", "$bukcet")));
        Path dir = HostFiles.render(templates, List.of("prod")).resolve("prod");
        Tools.Result r = shellcheck(dir, List.of("bin/backup.sh"));
        assertNotEquals(0, r.exit(), "shellcheck must refuse the broken script:\n" + r.output());
        assertTrue(r.output().contains("SC2154 (warning): bukcet is referenced but not assigned"), r.output());
    }

    private static List<String> scripts(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            files.filter(p -> p.toString().endsWith(".sh")).map(p -> dir.relativize(p).toString()).sorted()
                    .forEach(out::add);
            return out;
        }
    }

    private static Tools.Result shellcheck(Path dir, List<String> scripts) throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=warning", "--color=never"));
        command.addAll(scripts);
        return Tools.run(dir, command.toArray(String[]::new));
    }
}
