package io.opsstack.synth;

import software.amazon.jsii.JsiiModule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lets jsii finish indexing the AWS provider's types, once per machine.
 *
 * <p>jsii (1.1xx) keeps, beside each package in its package cache, an index of the package's type assembly. With
 * the index a process loads the provider's 28,636 types in milliseconds; without it, the kernel parses the whole
 * 134 MB assembly (about 0.5 s of CPU and 1 s of wall time here) and starts a worker thread that writes the index.
 * That worker needs a few seconds, and a synth that ends sooner kills it with the process: on a fresh machine
 * every synth would pay the parse and never get the index. So after a synth, when the index of the provider
 * opsstack loads is missing, opsstack keeps the process (and jsii's worker) alive until the index is written,
 * at most {@link #MAX_WAIT}. Measured in docs/performance.md.
 *
 * <p>Where the cache is and how it is laid out are jsii's ({@code @jsii/kernel}'s {@code DiskCache}): the root
 * from {@code JSII_RUNTIME_PACKAGE_CACHE_ROOT} or the platform's cache directory, then the package name, its
 * version, and one directory per tarball (named by its hash), whose marker file jsii touches on every use. The
 * entry this process loaded is the one whose {@code package.json} has the lazy index as {@code main}
 * (stacks/pom.xml builds that tarball) and whose marker was touched since the process started; any other entry
 * (the stock provider's, an older build's) is not being indexed and is not waited for. If jsii changes the
 * layout, nothing is found and opsstack simply does not wait; {@code JsiiTypeIndexTest} notices.
 */
final class JsiiTypeIndex {

    static final Duration MAX_WAIT = Duration.ofSeconds(20);
    static final String INDEX_FILE = ".jsii.runtime-index.v1";
    static final String MARKER_FILE = ".jsii-runtime-package-cache";

    private JsiiTypeIndex() {
    }

    /** jsii's package cache directory, or empty when the cache is disabled or has no home. */
    static Optional<Path> cacheRoot(Map<String, String> env, String osName) {
        String enabled = env.getOrDefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled").toLowerCase(Locale.ROOT);
        if (!enabled.equals("enabled")) {
            return Optional.empty();
        }
        if (env.get("JSII_RUNTIME_PACKAGE_CACHE_ROOT") != null) {
            return Optional.of(Path.of(env.get("JSII_RUNTIME_PACKAGE_CACHE_ROOT")));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        String home = env.get("HOME");
        if (os.contains("mac") && home != null) {
            return Optional.of(Path.of(home, "Library", "Caches", "com.amazonaws.jsii", "package-cache"));
        }
        if (os.contains("linux") && home != null) {
            return Optional.of(Path.of(home, ".cache", "aws", "jsii", "package-cache"));
        }
        if (os.contains("windows") && env.get("LOCALAPPDATA") != null) {
            return Optional.of(Path.of(env.get("LOCALAPPDATA"), "AWS", "jsii", "package-cache"));
        }
        return Optional.empty();
    }

    /**
     * Waits, if the AWS provider's cache entry exists without its index, until jsii's worker has written it.
     * Cheap when nothing is missing: a directory listing and each entry's 4 KB package.json.
     */
    static void awaitIfIndexing(PrintStream err) {
        Optional<Path> root = cacheRoot(System.getenv(), System.getProperty("os.name", ""));
        if (root.isEmpty()) {
            return;
        }
        JsiiModule aws = new com.hashicorp.cdktf.providers.aws.$Module();
        try {
            Instant started = ProcessHandle.current().info().startInstant()
                    .orElse(Instant.now().minus(Duration.ofMinutes(1)));
            Optional<Path> entry = lazyEntries(root.get(), aws).stream()
                    .filter(e -> !Files.exists(e.resolve(INDEX_FILE)) && usedSince(e, started)).findFirst();
            if (entry.isEmpty() || !Files.isWritable(entry.get())) {
                return;
            }
            err.println("opsstack: jsii is indexing the AWS provider's types in its cache (once per machine; later"
                    + " synths start about a second faster), waiting up to " + MAX_WAIT.toSeconds() + " s...");
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (!Files.exists(entry.get().resolve(INDEX_FILE)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            // Only a speed-up: never fail a synth that has already succeeded.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cache entries of {@code module}'s version whose package.json points {@code main} at the lazy index. */
    static List<Path> lazyEntries(Path root, JsiiModule module) throws IOException {
        Path versionDir = root;
        for (String segment : (module.getModuleName() + "/" + module.getModuleVersion()).split("/")) {
            versionDir = versionDir.resolve(segment);
        }
        if (!Files.isDirectory(versionDir)) {
            return List.of();
        }
        try (var entries = Files.list(versionDir)) {
            return entries.filter(e -> isLazy(e.resolve("package.json"))).sorted().toList();
        }
    }

    static boolean usedSince(Path entry, Instant since) {
        try {
            return !Files.getLastModifiedTime(entry.resolve(MARKER_FILE)).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLazy(Path packageJson) {
        try {
            // A 4 KB file; the JSON key is fixed by npm, and stacks/pom.xml writes exactly this value.
            return Files.readString(packageJson, StandardCharsets.UTF_8).replace(" ", "")
                    .contains("\"main\":\"lib/lazy-index.js\"");
        } catch (IOException e) {
            return false;
        }
    }
}
