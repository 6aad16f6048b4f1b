package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** opsstack's reading of jsii's package cache layout, checked against the cache jsii really wrote. */
class JsiiTypeIndexTest {

    static Path root;

    @BeforeAll
    static void synth() {
        // The shared fixture has synthesized through jsii in this JVM: the provider is in jsii's cache.
        SynthFixture.shared();
        root = JsiiTypeIndex.cacheRoot(System.getenv(), System.getProperty("os.name")).orElseThrow();
    }

    @Test
    void findsTheLazyProviderEntryJsiiUsedInThisProcess() throws Exception {
        List<Path> entries = JsiiTypeIndex.lazyEntries(root, new com.hashicorp.cdktf.providers.aws.$Module());
        assertFalse(entries.isEmpty(), "no entry with main=lib/lazy-index.js under " + root
                + "/@cdktf/provider-aws/18.0.3: has jsii's cache layout changed?");
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        assertTrue(entries.stream().anyMatch(e -> JsiiTypeIndex.usedSince(e, started)),
                "jsii touched none of " + entries + " in this process: has its marker file changed?");
        for (Path e : entries) {
            assertTrue(Files.isRegularFile(e.resolve("lib/lazy-index.js")), e.toString());
        }
    }

    @Test
    void cacheRootFollowsJsiisRules() {
        assertEquals(Optional.of(Path.of("/h/.cache/aws/jsii/package-cache")),
                JsiiTypeIndex.cacheRoot(Map.of("HOME", "/h"), "Linux"));
        assertEquals(Optional.of(Path.of("/h/Library/Caches/com.amazonaws.jsii/package-cache")),
                JsiiTypeIndex.cacheRoot(Map.of("HOME", "/h"), "Mac OS X"));
        assertEquals(Optional.of(Path.of("/elsewhere")),
                JsiiTypeIndex.cacheRoot(Map.of("HOME", "/h", "JSII_RUNTIME_PACKAGE_CACHE_ROOT", "/elsewhere"),
                        "Linux"));
        assertEquals(Optional.empty(),
                JsiiTypeIndex.cacheRoot(Map.of("HOME", "/h", "JSII_RUNTIME_PACKAGE_CACHE", "disabled"), "Linux"));
    }
}
