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

    private static String packageJson(URL tarball) throws IOException {
        try (InputStream in = new GZIPInputStream(tarball.openStream())) {
            // A tar stream: 512-byte headers, name at offset 0, size (octal) at 124.
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).trim();
                long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (name.endsWith("package/package.json")) {
                    return new String(body, StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no package.json in " + tarball);
    }
}
