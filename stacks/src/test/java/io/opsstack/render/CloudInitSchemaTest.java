package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host's user data against cloud-init's own schema: {@code cloud-init schema --config-file} (Debian package
 * {@code cloud-init}; bookworm's 22.4.2 validates offline, without a datasource or a running systemd). It checks
 * the {@code #cloud-config} header, the YAML, and each module's keys and types (write_files entries: path,
 * permissions, owner, content; runcmd). 22.4 does not report unknown top-level keys (RenderedConfigsTest reads
 * write_files and runcmd itself). {@code --annotate} would mark the failing lines, but 22.4.2 crashes with a
 * KeyError on any error inside a write_files entry (fixed upstream in canonical/cloud-init PR 1999, 23.1), so a
 * failure prints the tool's error list and the document instead.
 */
class CloudInitSchemaTest {

    static List<String> hosts() {
        return HostFiles.hosts();
    }

    @Test
    void everyAwsEnvironmentAndItsDrRegionHaveUserDataToCheck() {
        List<String> hosts = hosts();
        // The shipped AWS environments with hosts, and prod's DR region: a rendering that lost one fails here.
        assertTrue(hosts.containsAll(List.of("dev", "staging", "prod", "prod-dr", "poc", "web", "spa")), hosts.toString());
        assertTrue(!hosts.contains("local"), "local has no host: " + hosts);
    }

    @ParameterizedTest(name = "{0}: cloud-init schema --config-file cloud-init.yaml")
    @MethodSource("hosts")
    void userDataPassesCloudInitSchema(String host) throws Exception {
        Tools.require("cloud-init", "cloud-init");
        Tools.Result r = schema(HostFiles.shipped().resolve(host));
        assertEquals(0, r.exit(), host + ": cloud-init schema:\n" + r.output() + "\n--- cloud-init.yaml:\n"
                + Files.readString(HostFiles.shipped().resolve(host).resolve(Renderer.CLOUD_INIT)));
        assertTrue(r.output().contains("Valid cloud-config: cloud-init.yaml"), r.output());
    }

    @Test
    void failsOnAWriteFilesEntryCloudInitCannotRead() throws Exception {
        Tools.require("cloud-init", "cloud-init");
        Path templates = RenderedConfigsTest.copyTemplates();
        Path t = templates.resolve("cloud-init.yaml.ftl");
        String original = Files.readString(t);
        // owner must be a "user:group" string; a list is the kind of slip a template edit makes.
        Files.writeString(t, original.replace("owner: root:root", "owner: [root, root]"));
        assertNotEquals(original, Files.readString(t), "the broken variant must differ");
        Path out = HostFiles.render(templates, List.of("prod"));
        Tools.Result r = schema(out.resolve("prod"));
        assertNotEquals(0, r.exit(), "cloud-init schema must refuse the broken user data:\n" + r.output());
        assertTrue(r.output().contains("write_files.0.owner: ['root', 'root'] is not of type 'string'"), r.output());
    }

    @Test
    void failsWithoutTheCloudConfigHeader() throws Exception {
        Tools.require("cloud-init", "cloud-init");
        Path templates = RenderedConfigsTest.copyTemplates();
        Path t = templates.resolve("cloud-init.yaml.ftl");
        // Without the header cloud-init treats user data as something else entirely and configures nothing.
        Files.writeString(t, Files.readString(t).replace("#cloud-config\n", "# cloud-config\n"));
        Tools.Result r = schema(HostFiles.render(templates, List.of("dev")).resolve("dev"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("needs to begin with \"#cloud-config\""), r.output());
    }

    private static Tools.Result schema(Path dir) throws Exception {
        return Tools.run(dir, "cloud-init", "schema", "--config-file", Renderer.CLOUD_INIT);
    }
}
