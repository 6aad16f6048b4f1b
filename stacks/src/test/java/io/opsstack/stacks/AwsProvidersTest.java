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
    void everyAwsStackAcceptsAnyProvider5FromTheBindingsVersionOn() {
        for (String id : awsStacks) {
            JsonNode aws = fx.stack(id).at("/terraform/required_providers/aws");
            assertEquals(">= 5.23.1, < 6.0.0", aws.path("version").asText(), id);
            assertEquals("aws", aws.path("source").asText(), id + ": hashicorp/aws, the registry's default namespace");
        }
    }

    @Test
    void theLowerBoundIsTheVersionTheBindingsWereGeneratedFrom() throws Exception {
        // What cdktf writes on its own: the exact version of the provider schema the Java classes came from.
        Path out = Files.createTempDirectory("opsstack-bare-provider-");
        App app = new App(AppConfig.builder().outdir(out.toString()).build());
        TerraformStack bare = new TerraformStack(app, "bare");
        new AwsProvider(bare, "aws", AwsProviderConfig.builder().region("us-east-1").build());
        app.synth();
        String bindings = SynthFixture.read(out.resolve("stacks/bare/cdk.tf.json"))
                .at("/terraform/required_providers/aws/version").asText();
        assertEquals(">= " + bindings + ", < " + (Integer.parseInt(bindings.split("\\.")[0]) + 1) + ".0.0",
                AwsProviders.VERSION_CONSTRAINT);
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
