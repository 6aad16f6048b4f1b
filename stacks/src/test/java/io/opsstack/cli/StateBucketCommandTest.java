package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code opsstack state-bucket ENV}: the script on stdout, or exit 2 for an environment with local state. */
class StateBucketCommandTest {

    static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTheScriptForBothOfProdsBuckets() {
        Run r = run("--project-dir", HOME.toString(), "state-bucket", "prod", "--endpoint-url", "http://127.0.0.1:5000");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("#!/bin/sh\n"), r.out);
        assertTrue(r.out.contains("aws s3api create-bucket --region us-east-1 --bucket acme-opsstack-tfstate"
                + " --endpoint-url http://127.0.0.1:5000\n"), r.out);
        assertTrue(r.out.contains("aws s3api create-bucket --region us-west-2 --bucket acme-opsstack-tfstate-usw2"
                + " --create-bucket-configuration LocationConstraint=us-west-2 --endpoint-url"), r.out);
        assertTrue(r.out.contains("--policy '{\"Version\":\"2012-10-17\""), r.out);
        assertEquals("", r.err);
    }

    @Test
    void failsForAnEnvironmentWithLocalState() {
        Run r = run("--project-dir", HOME.toString(), "state-bucket", "dev");
        assertEquals(2, r.code, r.out + r.err);
        assertEquals("", r.out);
        assertTrue(r.err.contains("environments/dev.yaml has no `state:` section"), r.err);
    }
}
