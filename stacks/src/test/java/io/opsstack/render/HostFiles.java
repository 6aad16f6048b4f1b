package io.opsstack.render;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every shipped environment's host files as {@code ./opsstack render} writes them ({@code <env>/} and, with a DR
 * region, {@code <env>-dr/}), rendered once for the tool tests that read them: cloud-init, systemd, shellcheck.
 */
final class HostFiles {

    private static Path rendered;

    private HostFiles() {
    }

    /** Renders the given environments' files (all with an empty list) from {@code templates} into a new folder. */
    static Path render(Path templates, List<String> environments) throws Exception {
        Path out = Files.createTempDirectory("opsstack-hosts-");
        List<EnvironmentConfig> envs = new ConfigLoader(SynthFixture.HOME).load(environments);
        new Renderer(templates).renderInto(envs, out);
        return out;
    }

    /** The shipped templates' rendering of every environment, once per test JVM. */
    static synchronized Path shipped() {
        if (rendered == null) {
            try {
                rendered = render(SynthFixture.HOME.resolve("templates"), List.of());
            } catch (Exception e) {
                throw new IllegalStateException("rendering the shipped environments failed: " + e.getMessage(), e);
            }
        }
        return rendered;
    }

    /**
     * The rendered folders of the environments that run on EC2 hosts: those with a cloud-init.yaml (every AWS
     * environment with an app section, and each DR region's copy). {@code local} has no host and is not one.
     */
    static List<String> hosts() {
        try (Stream<Path> dirs = Files.list(shipped())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(Renderer.CLOUD_INIT)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
