package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * The lazy-index AWS provider (repacked at build time into target/classes) is what the tests and the jar load,
 * and it synthesizes exactly what the stock provider does: two separate JVMs, one with the stock tarball first
 * on the class path and one with ours, synthesize every shipped environment, and the outputs must be equal byte
 * for byte. (Separate processes also catch output that changes between JVM runs.)
 */
class LazyProviderEquivalenceTest {

    static final String TARBALL = "com/hashicorp/cdktf/providers/aws/provider-aws@18.0.3.jsii.tgz";

    @Test
    void theLazyTarballComesFirstAndPointsMainAtTheLazyIndex() throws IOException {
        URL first = getClass().getClassLoader().getResource(TARBALL);
        assertTrue(first != null && !first.toString().contains("cdktf-provider-aws-18.0.3.jar"),
                "the stock tarball comes first: " + first);
        assertTrue(packageJson(first).contains("\"main\": \"lib/lazy-index.js\""), "main of " + first);
    }

    @Test
    void stockAndLazyProvidersSynthesizeIdenticalOutput() throws Exception {
        List<String> classPath = new ArrayList<>(Arrays.asList(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator)));
        String providerJar = classPath.stream().filter(e -> e.contains("cdktf-provider-aws-18.0.3.jar")).findFirst()
                .orElseThrow();
        List<String> stock = new ArrayList<>(classPath);
        stock.remove(providerJar);
        stock.add(0, providerJar);
        Path home = SynthFixture.copyOfProject(Map.of());
        Path lazyOut = home.resolve("lazy");
        Path stockOut = home.resolve("stock");
        synth(classPath, home, lazyOut);
        synth(stock, home, stockOut);
        Map<String, byte[]> lazy = SynthesizerTest.tree(lazyOut);
        assertTrue(lazy.containsKey("stacks/prod-dr-app/cdk.tf.json"), lazy.keySet().toString());
        SynthesizerTest.assertSameTree(SynthesizerTest.tree(stockOut), lazy, "lazy vs stock provider");
    }

    private static void synth(List<String> classPath, Path home, Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), "io.opsstack.cli.Main", "synth", "--out",
                out.toString(), "--project-dir", home.toString()).redirectErrorStream(true);
        pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        pb.environment().remove("CDKTF_OUTDIR");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "synth timed out");
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void theLazyTarballIsReproducibleAndKeepsEveryFileOfTheStockOne() throws IOException {
        // jsii keys its package cache on the tarball's hash: a tarball that differed per build would cost every
        // clone a new 170 MB cache entry and a cold start. The build fixes the timestamps and the order.
        List<URL> tarballs = java.util.Collections.list(getClass().getClassLoader().getResources(TARBALL));
        URL lazy = tarballs.get(0);
        URL stock = tarballs.stream().filter(u -> u.toString().contains("cdktf-provider-aws-18.0.3.jar")).findFirst()
                .orElseThrow();
        List<String> lazyNames = new ArrayList<>();
        walk(lazy, (name, mtime, body) -> {
            assertEquals(499162500L, mtime, "mtime of " + name);
            lazyNames.add(name);
        });
        List<String> sorted = new ArrayList<>(lazyNames);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, lazyNames, "entries of the lazy tarball are not in sorted order");
        List<String> stockNames = new ArrayList<>();
        walk(stock, (name, mtime, body) -> stockNames.add(name));
        java.util.Collections.sort(stockNames);
        assertEquals(stockNames, sorted, "the lazy tarball's files differ from the stock one's");
    }

    private static String packageJson(URL tarball) throws IOException {
        StringBuilder found = new StringBuilder();
        walk(tarball, (name, mtime, body) -> {
            if (name.equals("package/package.json")) {
                found.append(new String(body.get(), StandardCharsets.UTF_8));
            }
        });
        if (found.length() == 0) {
            throw new IOException("no package.json in " + tarball);
        }
        return found.toString();
    }

    /** A file's body, read only when asked for (the provider's .jsii is 134 MB). */
    interface Body {
        byte[] get() throws IOException;
    }

    interface EntryVisitor {
        void visit(String name, long mtime, Body body) throws IOException;
    }

    /**
     * The regular files of a gzipped tar: 512-byte headers (name at 0, size at 124 and mtime at 136 in octal, type
     * at 156, ustar prefix at 345), with POSIX extended headers ({@code path=}) for long names.
     */
    private static void walk(URL tarball, EntryVisitor visitor) throws IOException {
        try (InputStream in = new GZIPInputStream(tarball.openStream(), 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12), 8);
                long mtime = Long.parseLong(field(header, 136, 12), 8);
                char type = (char) header[156];
                long padding = (512 - size % 512) % 512;
                if (type == 'x') {
                    String pax = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    for (String record : pax.split("\n")) {
                        int eq = record.indexOf(" path=");
                        if (eq >= 0) {
                            longName = record.substring(eq + " path=".length());
                        }
                    }
                    in.skipNBytes(padding);
                    continue;
                }
                String entryName = longName != null ? longName : name;
                longName = null;
                if (type == '0' || type == 0) {
                    boolean[] read = {false};
                    visitor.visit(entryName, mtime, () -> {
                        read[0] = true;
                        return in.readNBytes((int) size);
                    });
                    if (!read[0]) {
                        in.skipNBytes(size);
                    }
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes(padding);
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
    }
}
