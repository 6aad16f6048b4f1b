package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rehearsal's override file: every AWS service a stack uses goes to the loopback endpoint, with fake keys, and
 * state goes to the scratch folder. Checked on the real synthesized stacks of the shipped environments.
 */
class OverridesTest {

    static SynthFixture fx;
    static final Path STATE = Path.of("/scratch/prod/state");
    static final String ENDPOINT = "http://127.0.0.1:4999";

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static List<String> awsStacks() {
        List<String> ids = new ArrayList<>();
        for (String env : List.of("dev", "staging", "prod", "poc")) {
            for (String kind : List.of("network", "data", "app", "dr-network", "dr-data", "dr-app")) {
                if (fx.out.resolve("stacks/" + env + "-" + kind + "/cdk.tf.json").toFile().exists()) {
                    ids.add(env + "-" + kind);
                }
            }
        }
        return ids;
    }

    @Test
    void everyShippedStackHasAnEndpointForEveryAwsTypeItUses() throws Exception {
        List<String> ids = awsStacks();
        assertTrue(ids.size() >= 12, "expected the shipped AWS stacks, got " + ids);
        for (String id : ids) {
            JsonNode stack = fx.stack(id);
            Services.Needs needs = Services.of(stack);
            assertEquals(List.of(), needs.uncovered(), id);
            JsonNode override = Overrides.of(stack, id, STATE, ENDPOINT, Map.of(), Map.of());
            JsonNode providers = override.path("provider").path("aws");
            assertEquals(stack.path("provider").path("aws").size(), providers.size(), id + ": one override per provider");
            for (JsonNode p : providers) {
                JsonNode endpoints = p.path("endpoints").path(0);
                for (String service : needs.services()) {
                    assertEquals(ENDPOINT, endpoints.path(service).asText(), id + " " + service);
                }
                endpoints.fields().forEachRemaining(e -> assertEquals(ENDPOINT, e.getValue().asText(), id));
                assertEquals(Overrides.FAKE_ACCESS_KEY, p.path("access_key").asText());
                assertTrue(p.path("skip_credentials_validation").asBoolean());
                assertFalse(p.path("skip_requesting_account_id").asBoolean(), "the account id comes from the"
                        + " emulator's STS, which has an endpoint like every service");
                assertEquals(ENDPOINT, endpoints.path("sts").asText(), id);
                assertTrue(p.path("skip_metadata_api_check").asBoolean());
                assertTrue(p.path("s3_use_path_style").asBoolean());
                assertEquals("/dev/null", p.path("shared_credentials_files").path(0).asText());
            }
            assertEquals(STATE.resolve(id + ".tfstate").toString(),
                    override.path("terraform").path("backend").path("local").path("path").asText(), id);
        }
    }

    @Test
    void servicesComeFromTheResourceTypes() {
        JsonNode prodData = fx.stack("prod-data");
        Services.Needs needs = Services.of(prodData);
        assertTrue(needs.services().containsAll(List.of("rds", "kms", "s3", "iam", "logs", "ec2", "sts")),
                needs.services().toString());
        assertFalse(needs.services().contains("elbv2"), "prod-data has no load balancer");
        assertTrue(Services.of(fx.stack("prod-dr-app")).services().containsAll(List.of("route53", "elbv2",
                "autoscaling", "cloudwatch", "sns", "ssm")));
    }

    @Test
    void failsBeforeTerraformOnATypeWithoutEndpoint() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode stack = json.readTree("{\"provider\":{\"aws\":[{\"region\":\"us-east-1\"}]},\"resource\":{"
                + "\"aws_vpc\":{\"v\":{}},\"aws_dynamodb_table\":{\"t\":{}}}}");
        RehearsalException e = assertThrows(RehearsalException.class,
                () -> Overrides.of(stack, "x-data", STATE, ENDPOINT, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("resource aws_dynamodb_table"), e.getMessage());
        assertTrue(e.getMessage().contains("real AWS"), e.getMessage());
    }

    @Test
    void remoteStateReadsTheLocalStateOfTheStackItNames() throws Exception {
        JsonNode override = Overrides.of(fx.stack("prod-app"), "prod-app", STATE, ENDPOINT, Map.of(), Map.of());
        JsonNode rs = override.path("data").path("terraform_remote_state");
        assertEquals("local", rs.path("cross-stack-reference-input-prod-data").path("backend").asText());
        assertEquals(STATE.resolve("prod-network.tfstate").toString(),
                rs.path("cross-stack-reference-input-prod-network").path("config").path("path").asText());
        Iterator<String> names = fx.stack("prod-app").path("data").path("terraform_remote_state").fieldNames();
        names.forEachRemaining(n -> assertTrue(rs.has(n), "no local override for " + n));
    }

    @ParameterizedTest
    @CsvSource({"prod-app, arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "prod-dr-app, arn:aws:acm:us-west-2:123456789012:certificate/1b2c3d4e-5f60-789a-bcde-f0123456789a"})
    void substitutesTheCertificateAndZoneWhereTheStackNamesThem(String id, String cert) throws Exception {
        String emuCert = "arn:aws:acm:emulator:123456789012:certificate/emulator";
        JsonNode override = Overrides.of(fx.stack(id), id, STATE, ENDPOINT,
                Map.of(cert, emuCert, "Z0123456789ABCDEF", "ZEMULATOR"), Map.of());
        String text = override.path("resource").toString();
        assertTrue(text.contains(emuCert), text);
        assertTrue(text.contains("ZEMULATOR"), text);
        assertFalse(text.contains(cert) || text.contains("Z0123456789ABCDEF"), text);
        // Only arguments that contain a substituted value are overridden.
        JsonNode listeners = override.path("resource").path("aws_lb_listener");
        assertEquals(1, listeners.size(), listeners.toString());
        assertEquals(emuCert, listeners.elements().next().path("certificate_arn").asText());
        assertFalse(override.path("resource").has("aws_launch_template"));
    }
}
