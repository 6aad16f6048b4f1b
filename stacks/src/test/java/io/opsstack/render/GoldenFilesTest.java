package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * prod's rendered files against reviewed copies in src/test/resources/golden/prod/. A template or model change
 * shows up here as a diff to read. After reading it, accept it with
 * {@code ./mvnw -B test -pl stacks -Dtest=GoldenFilesTest -Dopsstack.updateGolden=true}.
 */
class GoldenFilesTest {

    static final Path GOLDEN = SynthFixture.HOME.resolve("stacks/src/test/resources/golden/prod");

    @Test
    void prodRendersExactlyTheReviewedFiles() throws Exception {
        EnvironmentConfig prod = new ConfigLoader(SynthFixture.HOME).load(List.of("prod")).get(0);
        SortedMap<String, String> files = new Renderer(SynthFixture.HOME.resolve("templates")).render(prod);
        if (Boolean.getBoolean("opsstack.updateGolden")) {
            OutputDirectoryCleaner.clean(GOLDEN);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = GOLDEN.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertEquals(files.keySet(), goldenPaths(), "set of rendered files");
        for (Map.Entry<String, String> f : files.entrySet()) {
            assertEquals(Files.readString(GOLDEN.resolve(f.getKey()), StandardCharsets.UTF_8), f.getValue(),
                    "golden/prod/" + f.getKey() + " (read the diff; accept with -Dopsstack.updateGolden=true)");
        }
    }

    private static TreeSet<String> goldenPaths() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            return files.filter(Files::isRegularFile).map(p -> GOLDEN.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** Deletes the golden directory before rewriting it, so removed files disappear too. */
    private static final class OutputDirectoryCleaner {
        static void clean(Path dir) {
            io.opsstack.synth.OutputDirectory.deleteRecursively(dir);
        }
    }
}
