package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.ref;
import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroup;
import com.hashicorp.cdktf.providers.aws.eip.Eip;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLog;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGateway;
import com.hashicorp.cdktf.providers.aws.nat_gateway.NatGateway;
import com.hashicorp.cdktf.providers.aws.route.Route;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTable;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociation;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.subnet.Subnet;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import io.opsstack.synth.SynthFixture;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthesized {@code <env>-network} stacks of the shipped environments (and a nat: none one). */
class NetworkStackTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static Map<String, JsonNode> res(String env, String type) {
        return resources(fx.stack(env + "-network"), type);
    }

    private static JsonNode one(String env, String type, String path) {
        JsonNode r = res(env, type).get(path);
        assertTrue(r != null, env + ": no " + type + " at " + path + "; have " + res(env, type).keySet());
        return r;
    }

    @ParameterizedTest(name = "{0}: {1} AZs, {2} NAT gateways")
    @CsvSource({"dev, 2, 1", "staging, 2, 2", "prod, 3, 3", "nonat, 3, 0"})
    void subnetsNatGatewaysAndEipsFollowAzCountAndNatMode(String env, int azs, int nats) {
        Map<String, JsonNode> subnets = res(env, Subnet.TF_RESOURCE_TYPE);
        assertEquals(3 * azs, subnets.size(), env + ": subnets " + subnets.keySet());
        for (String tier : List.of("public", "app", "database")) {
            for (int i = 0; i < azs; i++) {
                JsonNode s = subnets.get("network/" + tier + "-" + i);
                assertTrue(s != null, env + ": missing subnet " + tier + "-" + i);
                assertEquals(tier, s.path("tags").path("tier").asText(), env + " " + tier + "-" + i + " tier tag");
                assertFalse(s.path("map_public_ip_on_launch").asBoolean(true),
                        env + " " + tier + "-" + i + " must not hand out public IPs");
            }
        }
        assertEquals(nats, res(env, NatGateway.TF_RESOURCE_TYPE).size(), env + ": NAT gateways");
        assertEquals(nats, res(env, Eip.TF_RESOURCE_TYPE).size(), env + ": EIPs (one per NAT)");
        for (JsonNode eip : res(env, Eip.TF_RESOURCE_TYPE).values()) {
            assertEquals("vpc", eip.path("domain").asText(), env + ": EIP domain");
        }
        // One route table per AZ for the app tier, one public, one database.
        assertEquals(azs + 2, res(env, RouteTable.TF_RESOURCE_TYPE).size(), env + ": route tables");
        assertEquals(3 * azs, res(env, RouteTableAssociation.TF_RESOURCE_TYPE).size(), env + ": associations");
    }

    @Test
    void subnetCidrsAreFixedSlotsOfTheVpcBlock() {
        // prod 10.10.0.0/16 cut into 16 /20s: public slots 0-3, app 4-7, database 8-11 (slot k = 10.10.16k.0/20).
        Map<String, String> expected = Map.of(
                "network/public-0", "10.10.0.0/20", "network/public-2", "10.10.32.0/20",
                "network/app-0", "10.10.64.0/20", "network/app-1", "10.10.80.0/20",
                "network/database-0", "10.10.128.0/20", "network/database-2", "10.10.160.0/20");
        Map<String, JsonNode> subnets = res("prod", Subnet.TF_RESOURCE_TYPE);
        expected.forEach((path, cidr) -> assertEquals(cidr, subnets.get(path).path("cidr_block").asText(),
                "prod " + path));
        // A 2-AZ environment uses the same slots: growing azCount adds subnets and moves none.
        assertEquals("10.30.64.0/20", res("dev", Subnet.TF_RESOURCE_TYPE).get("network/app-0")
                .path("cidr_block").asText());
        assertEquals("10.30.80.0/20", res("dev", Subnet.TF_RESOURCE_TYPE).get("network/app-1")
                .path("cidr_block").asText());
    }

    @Test
    void pinnedZonesAreLiteralsAndUnpinnedComeFromTheRegionsAvailableZones() {
        assertEquals("us-east-1b", one("prod", Subnet.TF_RESOURCE_TYPE, "network/database-1")
                .path("availability_zone").asText());
        assertTrue(SynthFixture.dataSources(fx.stack("prod-network"), "aws_availability_zones").isEmpty(),
                "prod pins its zones: no data source");
        JsonNode azs = SynthFixture.dataSources(fx.stack("dev-network"), "aws_availability_zones").get("network/azs");
        assertEquals("available", azs.path("state").asText());
        assertEquals("opt-in-not-required", azs.path("filter").get(0).path("values").get(0).asText());
        String az1 = one("dev", Subnet.TF_RESOURCE_TYPE, "network/app-1").path("availability_zone").asText();
        assertEquals("${element(data.aws_availability_zones." + azs.path("//").path("metadata").path("uniqueId")
                .asText() + ".names, 1)}", az1);
    }

    @ParameterizedTest(name = "{0}: private app subnets route through NAT per {1}")
    @CsvSource({"dev, single", "staging, per-az", "prod, per-az", "nonat, none"})
    void privateRoutesFollowNatMode(String env, String mode) {
        int azs = env.equals("dev") || env.equals("staging") ? 2 : 3;
        Map<String, JsonNode> routes = res(env, Route.TF_RESOURCE_TYPE);
        Map<String, JsonNode> nats = res(env, NatGateway.TF_RESOURCE_TYPE);
        Map<String, JsonNode> tables = res(env, RouteTable.TF_RESOURCE_TYPE);
        for (int i = 0; i < azs; i++) {
            JsonNode route = routes.get("network/app-default-route-" + i);
            if (mode.equals("none")) {
                assertTrue(route == null, env + ": nat none must leave app subnets without a default route");
                continue;
            }
            String natPath = "network/nat-" + (mode.equals("per-az") ? i : 0);
            assertEquals(ref(NatGateway.TF_RESOURCE_TYPE, nats.get(natPath), "id"),
                    route.path("nat_gateway_id").asText(), env + " app-" + i + " goes through " + natPath);
            assertEquals(ref(RouteTable.TF_RESOURCE_TYPE, tables.get("network/app-rt-" + i), "id"),
                    route.path("route_table_id").asText(), env + " route in app-rt-" + i);
            assertEquals("0.0.0.0/0", route.path("destination_cidr_block").asText());
        }
        // Each app subnet is associated with its own AZ's route table.
        Map<String, JsonNode> assoc = res(env, RouteTableAssociation.TF_RESOURCE_TYPE);
        for (int i = 0; i < azs; i++) {
            JsonNode a = assoc.get("network/app-rta-" + i);
            assertEquals(ref(Subnet.TF_RESOURCE_TYPE, res(env, Subnet.TF_RESOURCE_TYPE).get("network/app-" + i), "id"),
                    a.path("subnet_id").asText());
            assertEquals(ref(RouteTable.TF_RESOURCE_TYPE, tables.get("network/app-rt-" + i), "id"),
                    a.path("route_table_id").asText());
        }
    }

    @ParameterizedTest(name = "{0}: only the public route table reaches the internet gateway")
    @CsvSource({"dev", "staging", "prod", "nonat"})
    void databaseTierHasNoRouteOutAndPublicGoesThroughTheIgw(String env) {
        Map<String, JsonNode> tables = res(env, RouteTable.TF_RESOURCE_TYPE);
        String databaseRt = ref(RouteTable.TF_RESOURCE_TYPE, tables.get("network/database-rt"), "id");
        String publicRt = ref(RouteTable.TF_RESOURCE_TYPE, tables.get("network/public-rt"), "id");
        String igw = ref(InternetGateway.TF_RESOURCE_TYPE, one(env, InternetGateway.TF_RESOURCE_TYPE, "network/igw"),
                "id");
        List<String> igwRouteTables = new ArrayList<>();
        for (JsonNode route : res(env, Route.TF_RESOURCE_TYPE).values()) {
            assertFalse(route.path("route_table_id").asText().equals(databaseRt), env + ": database route " + route);
            if (route.path("gateway_id").asText().equals(igw)) {
                igwRouteTables.add(route.path("route_table_id").asText());
            }
        }
        assertEquals(List.of(publicRt), igwRouteTables, env + ": routes to the IGW");
        for (JsonNode table : tables.values()) {
            assertTrue(table.path("route").isMissingNode(), env + ": routes are separate resources, never inline");
        }
    }

    @ParameterizedTest(name = "{0}: flow logs to a log group kept {1} days")
    @CsvSource({"dev, 14", "staging, 30", "prod, 90", "nonat, 90"})
    void flowLogsGoToARetainedLogGroupThroughALeastPrivilegeRole(String env, int days) {
        JsonNode group = one(env, CloudwatchLogGroup.TF_RESOURCE_TYPE, "network/flow-logs");
        assertEquals(days, group.path("retention_in_days").asInt(), env + ": retention");
        assertEquals("/opsstack/" + env + "/vpc-flow-logs", group.path("name").asText());

        JsonNode flow = one(env, FlowLog.TF_RESOURCE_TYPE, "network/flow-log");
        JsonNode vpc = one(env, Vpc.TF_RESOURCE_TYPE, "network/vpc");
        JsonNode role = one(env, IamRole.TF_RESOURCE_TYPE, "network/flow-logs-role");
        assertEquals("ALL", flow.path("traffic_type").asText());
        assertEquals("cloud-watch-logs", flow.path("log_destination_type").asText());
        assertEquals(ref(CloudwatchLogGroup.TF_RESOURCE_TYPE, group, "arn"), flow.path("log_destination").asText());
        assertEquals(ref(Vpc.TF_RESOURCE_TYPE, vpc, "id"), flow.path("vpc_id").asText());
        assertEquals(ref(IamRole.TF_RESOURCE_TYPE, role, "arn"), flow.path("iam_role_arn").asText());

        JsonNode trust = parse(role.path("assume_role_policy").asText());
        assertEquals("vpc-flow-logs.amazonaws.com", trust.at("/Statement/0/Principal/Service").asText());
        assertTrue(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText().startsWith(
                "${data.aws_caller_identity."), "trust is limited to this account");

        JsonNode policy = parse(one(env, IamRolePolicy.TF_RESOURCE_TYPE, "network/flow-logs-policy")
                .path("policy").asText());
        List<String> resources = StreamSupport.stream(policy.at("/Statement/0/Resource").spliterator(), false)
                .map(JsonNode::asText).toList();
        String arn = ref(CloudwatchLogGroup.TF_RESOURCE_TYPE, group, "arn");
        assertEquals(List.of(arn, arn + ":*"), resources, env + ": the role may write only its own log group");

        // Encrypted with the network stack's own key, which CloudWatch Logs may use only for this account's groups.
        JsonNode key = one(env, "aws_kms_key", "network/flow-logs-key");
        assertEquals(ref("aws_kms_key", key, "arn"), group.path("kms_key_id").asText());
        assertTrue(key.path("enable_key_rotation").asBoolean());
        JsonNode logs = null;
        for (JsonNode st : parse(key.path("policy").asText()).path("Statement")) {
            if (st.path("Sid").asText().equals("CloudWatchLogsEncryptsThisAccountsGroups")) {
                logs = st;
            }
        }
        String region = env.equals("nonat") ? "eu-west-1" : "us-east-1";
        assertEquals("logs." + region + ".amazonaws.com", logs.at("/Principal/Service").asText(), env);
        assertTrue(logs.at("/Condition/ArnLike/kms:EncryptionContext:aws:logs:arn").asText()
                .matches("arn:\\$\\{data\\.aws_partition\\..*\\}:logs:" + region + ":\\$\\{data\\.aws_caller_identity\\..*"
                        + "\\}:log-group:\\*"), logs.toString());
    }

    @ParameterizedTest(name = "{0}: default SG without rules, four empty shared SGs")
    @CsvSource({"dev", "staging", "prod", "nonat"})
    void securityGroupsAreCreatedEmptyAndTheDefaultOneIsLockedDown(String env) {
        JsonNode def = one(env, DefaultSecurityGroup.TF_RESOURCE_TYPE, "network/default-sg");
        assertTrue(def.path("ingress").isArray() && def.path("ingress").isEmpty(), env + ": default SG ingress");
        assertTrue(def.path("egress").isArray() && def.path("egress").isEmpty(), env + ": default SG egress");

        Map<String, JsonNode> groups = res(env, SecurityGroup.TF_RESOURCE_TYPE);
        assertEquals(List.of("network/app-sg", "network/database-sg", "network/endpoints-sg", "network/lb-sg"),
                groups.keySet().stream().sorted().toList(), env);
        String vpcId = ref(Vpc.TF_RESOURCE_TYPE, one(env, Vpc.TF_RESOURCE_TYPE, "network/vpc"), "id");
        for (Map.Entry<String, JsonNode> g : groups.entrySet()) {
            JsonNode sg = g.getValue();
            assertTrue(sg.path("ingress").isMissingNode() && sg.path("egress").isMissingNode(),
                    env + " " + g.getKey() + ": rules belong to the stacks that need them");
            assertEquals(vpcId, sg.path("vpc_id").asText());
            assertFalse(sg.path("description").asText().isBlank());
        }
        assertEquals(env + "-database", groups.get("network/database-sg").path("name").asText());
    }

    @ParameterizedTest(name = "{0}: VPC with DNS, S3 gateway endpoint on the private route tables")
    @CsvSource({"dev, us-east-1", "prod, us-east-1", "nonat, eu-west-1"})
    void vpcHasDnsAndS3GatewayEndpoint(String env, String region) {
        JsonNode vpc = one(env, Vpc.TF_RESOURCE_TYPE, "network/vpc");
        assertTrue(vpc.path("enable_dns_support").asBoolean() && vpc.path("enable_dns_hostnames").asBoolean(), env);

        JsonNode s3 = one(env, VpcEndpoint.TF_RESOURCE_TYPE, "network/s3-endpoint");
        assertEquals("com.amazonaws." + region + ".s3", s3.path("service_name").asText());
        assertEquals("Gateway", s3.path("vpc_endpoint_type").asText());
        Map<String, JsonNode> tables = res(env, RouteTable.TF_RESOURCE_TYPE);
        List<String> expected = tables.entrySet().stream().filter(e -> !e.getKey().equals("network/public-rt"))
                .map(e -> ref(RouteTable.TF_RESOURCE_TYPE, e.getValue(), "id")).sorted().toList();
        List<String> actual = StreamSupport.stream(s3.path("route_table_ids").spliterator(), false)
                .map(JsonNode::asText).sorted().toList();
        assertEquals(expected, actual, env + ": endpoint route tables");
    }

    @ParameterizedTest(name = "{0}: every tagged resource carries Name, environment tags and opsstack's tags")
    @CsvSource({"dev", "staging", "prod"})
    void everyTaggableResourceIsTagged(String env) {
        JsonNode resource = fx.stack(env + "-network").path("resource");
        int tagged = 0;
        for (Map.Entry<String, JsonNode> type : resource.properties()) {
            for (Iterator<JsonNode> rs = type.getValue().elements(); rs.hasNext(); ) {
                JsonNode r = rs.next();
                if (type.getKey().equals("aws_route") || type.getKey().equals("aws_route_table_association")
                        || type.getKey().equals("aws_iam_role_policy")) {
                    continue; // these types take no tags
                }
                String where = env + " " + type.getKey() + " " + r.at("/~1~1/metadata/path").asText();
                JsonNode tags = r.path("tags");
                assertTrue(tags.isObject(), where + " has no tags");
                assertTrue(tags.path("Name").asText().startsWith(env + "-"), where + " Name");
                assertEquals(env, tags.path("environment").asText(), where);
                assertEquals("opsstack", tags.path("managed-by").asText(), where);
                assertEquals("platform", tags.path("owner").asText(), where);
                assertEquals("1234", tags.path("cost-center").asText(), where);
                tagged++;
            }
        }
        assertTrue(tagged > 20, env + ": only " + tagged + " tagged resources");
        assertEquals("confidential", one("prod", Vpc.TF_RESOURCE_TYPE, "network/vpc").path("tags")
                .path("data-classification").asText());
    }

    @Test
    void remoteStateIsEncryptedAndLockedPerEnvironmentAndStack() {
        JsonNode s3 = fx.stack("prod-network").at("/terraform/backend/s3");
        assertEquals("acme-opsstack-tfstate", s3.path("bucket").asText());
        assertEquals("opsstack/prod/prod-network.tfstate", s3.path("key").asText());
        assertEquals("us-east-1", s3.path("region").asText());
        assertTrue(s3.path("encrypt").asBoolean());
        assertTrue(s3.path("use_lockfile").asBoolean(), "S3 native locking");
        assertTrue(s3.path("dynamodb_table").isMissingNode(), "no deprecated DynamoDB lock in shipped files");
        assertEquals("opsstack/staging/staging-network.tfstate",
                fx.stack("staging-network").at("/terraform/backend/s3/key").asText());
        JsonNode dr = fx.stack("prod-dr-data").at("/terraform/backend/s3");
        assertEquals("acme-opsstack-tfstate-usw2", dr.path("bucket").asText());
        assertTrue(dr.path("use_lockfile").asBoolean());
    }

    @Test
    void aLockTableWritesDynamodbTableBesideTheLockFile() {
        JsonNode s3 = fx.stack("tablelock-network").at("/terraform/backend/s3");
        assertEquals("acme-tflock", s3.path("dynamodb_table").asText());
        assertTrue(s3.path("use_lockfile").asBoolean());
        // The other stacks read this one's outputs through terraform_remote_state with the same table.
        JsonNode reader = fx.stack("tablelock-data").path("data").path("terraform_remote_state");
        assertTrue(reader.toString().contains("\"dynamodb_table\":\"acme-tflock\""), reader.toString());
    }

    @Test
    void environmentsWithoutStateUseARelativeLocalBackendOutsideCdktfOut() {
        // Terraform runs in cdktf.out/stacks/<id>/: three levels up is the project root.
        assertEquals("../../../terraform.dev-network.tfstate",
                fx.stack("dev-network").at("/terraform/backend/local/path").asText());
        assertTrue(fx.stack("dev-network").at("/terraform/backend/s3").isMissingNode());
    }

    @ParameterizedTest(name = "{0}: provider region {1} and the outputs other stacks read")
    @CsvSource({"dev, us-east-1", "prod, us-east-1", "nonat, eu-west-1"})
    void providerRegionAndOutputs(String env, String region) {
        JsonNode stack = fx.stack(env + "-network");
        assertEquals(region, stack.at("/provider/aws/0/region").asText());
        List<String> outputs = new ArrayList<>();
        // cdktf adds cross-stack-output-* for what the data stack reads; ours are the named ones.
        stack.path("output").fieldNames().forEachRemaining(o -> {
            if (!o.startsWith("cross-stack-output-")) {
                outputs.add(o);
            }
        });
        assertEquals(List.of("app_security_group_id", "app_subnet_ids", "database_security_group_id",
                "database_subnet_ids", "endpoints_security_group_id", "lb_security_group_id", "public_subnet_ids",
                "vpc_id"), outputs.stream().sorted().toList());
        int azs = env.equals("dev") ? 2 : 3;
        assertEquals(azs, stack.at("/output/app_subnet_ids/value").size());
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
