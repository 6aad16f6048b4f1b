package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code opsstack emulator}, run as a user runs it (its own JVM, the launcher shipped in the jar): it prints its
 * endpoint, an AWS API request reaches it (STS GetCallerIdentity answers moto's account), and SIGTERM (what Ctrl-C's
 * SIGINT also does) stops the server with the command, leaving no process behind.
 */
class EmulatorCommandTest {

    private static void requireMoto() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import moto, moto.server, boto3").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
            return;
        }
        String message = "moto 5.2 with its server is missing for python3 (pip install 'moto[server]==5.2.1')";
        if (System.getenv("CI") != null) {
            fail(message + ": required in CI");
        }
        Assumptions.abort(message);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int post(String endpoint, String body, StringBuilder response) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            // A SigV4-shaped header: moto routes the request to STS by the credential scope's service.
            c.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request,"
                    + " SignedHeaders=host, Signature=0");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int code = c.getResponseCode();
            response.append(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return code;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void startsAnswersAndStopsWithTheCommand() throws Exception {
        requireMoto();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.opsstack.cli.Main",
                "emulator", "--port", String.valueOf(port), "--region", "eu-west-1").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String endpoint = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("opsstack emulator: ") || System.nanoTime() > deadline) {
                    break;
                }
            }
            assertTrue(lines.contains("opsstack emulator: moto through opsstack's launcher at " + endpoint
                    + " (stop: Ctrl-C)"), lines.toString());
            String settings = out.readLine() + "\n" + out.readLine();
            assertTrue(settings.contains("AWS_ENDPOINT_URL=" + endpoint + " "), settings);
            assertTrue(settings.contains("AWS_REGION=eu-west-1"), settings);
            p.descendants().forEach(children::add);
            assertFalse(children.isEmpty(), "no emulator process under the command");

            StringBuilder response = new StringBuilder();
            int code = post(endpoint, "Action=GetCallerIdentity&Version=2011-06-15", response);
            assertEquals(200, code, response.toString());
            assertTrue(response.toString().contains("<Account>123456789012</Account>"), response.toString());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the command did not stop");
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("?"));
            }
            assertEquals(-1, post(endpoint, "Action=GetCallerIdentity&Version=2011-06-15", new StringBuilder()),
                    "the endpoint still answers");
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void failsOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "emulator", "--port",
                    String.valueOf(taken.getLocalPort()));
            assertEquals(Main.INVALID_INPUT, code, err.toString());
            assertTrue(err.toString().contains("127.0.0.1:" + taken.getLocalPort() + " is in use"), err.toString());
        }
    }

    @Test
    void failsOnARegionThatIsNone() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "emulator", "--region",
                "us-east1");
        assertEquals(Main.INVALID_INPUT, code, err.toString());
        assertTrue(err.toString().contains("--region us-east1 is not an AWS region name"), err.toString());
    }
}
