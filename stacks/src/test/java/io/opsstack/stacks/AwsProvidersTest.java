package io.opsstack.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS provider block and version constraint of every synthesized AWS stack. */
class AwsProvidersTest {

    static SynthFixture fx;
    static List<String> awsStacks = new ArrayList<>();

    @BeforeAll
    static void synth() throws Exception {
        fx = SynthFixture.shared();
        try (Stream<Path> dirs = Files.list(fx.out.resolve("stacks"))) {
            dirs.map(d -> d.getFileName().toString()).sorted().filter(id -> !id.equals("local"))
                    .forEach(awsStacks::add);
        }
        assertTrue(awsStacks.size() > 20, awsStacks.toString());
    }

    @Test
    void everyAwsStackAcceptsAnyProvider5FromTheWriteOnlyArgumentsOn() {
        for (String id : awsStacks) {
            JsonNode aws = fx.stack(id).at("/terraform/required_providers/aws");
            assertEquals(">= 5.100.0, < 6.0.0", aws.path("version").asText(), id);
            assertEquals(">= 1.11.0", fx.stack(id).at("/terraform/required_version").asText(),
                    id + ": write-only arguments and ephemeral resources need Terraform 1.11");
            assertEquals("aws", aws.path("source").asText(), id + ": hashicorp/aws, the registry's default namespace");
        }
    }

    @Test
    void theLowerBoundIsNotBelowTheVersionTheBindingsWereGeneratedFrom() throws Exception {
        // What cdktf writes on its own: the exact version of the provider schema the Java classes came from. The
        // floor is higher (write-only arguments, through overrides), never lower, and the major is the same.
        Path out = Files.createTempDirectory("opsstack-bare-provider-");
        App app = new App(AppConfig.builder().outdir(out.toString()).build());
        TerraformStack bare = new TerraformStack(app, "bare");
        new AwsProvider(bare, "aws", AwsProviderConfig.builder().region("us-east-1").build());
        app.synth();
        String bindings = SynthFixture.read(out.resolve("stacks/bare/cdk.tf.json"))
                .at("/terraform/required_providers/aws/version").asText();
        int major = Integer.parseInt(bindings.split("\\.")[0]);
        String floor = AwsProviders.VERSION_CONSTRAINT.replaceAll(">= ([0-9.]+),.*", "$1");
        assertEquals(">= " + floor + ", < " + (major + 1) + ".0.0", AwsProviders.VERSION_CONSTRAINT);
        assertTrue(compare(floor, bindings) >= 0, floor + " below the bindings' " + bindings);
        assertEquals(major, Integer.parseInt(floor.split("\\.")[0]), "the same major as the bindings");
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void everyAwsStackHasOneProviderInItsOwnRegion() {
        for (String id : awsStacks) {
            JsonNode providers = fx.stack(id).at("/provider/aws");
            assertEquals(1, providers.size(), id);
            assertTrue(providers.get(0).path("region").asText().matches("[a-z]{2}-[a-z]+-\\d"), id);
        }
    }
}
