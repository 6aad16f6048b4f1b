package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The dr section's checks. */
class DrConfigTest {

    private static final String BASE = "name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.10.0.0/16\n"
            + "app:\n  image: a/b\n  tag: \"1\"\n  mode: asg\n";

    private static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(ConfigLoaderTest.HOME)
                .parse("environments/dev.yaml", "dev", yaml), "expected problems for:\n" + yaml);
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void loadsWithDefaults() throws ConfigException {
        DrConfig dr = new ConfigLoader(ConfigLoaderTest.HOME).parse("environments/dev.yaml", "dev",
                BASE + "dr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n").dr().orElseThrow();
        assertEquals(DrConfig.Mode.WARM_STANDBY, dr.mode());
        assertEquals(1, dr.standbyCapacity());
        assertEquals(DrConfig.Active.PRIMARY, dr.activeRegion());
        assertTrue(dr.state().isEmpty());
    }

    @Test
    void failsOnTheSameRegionAndOverlappingCidrs() {
        assertEquals(List.of(
                "environments/dev.yaml:10:11: dr.region: \"us-east-1\" is the primary region; disaster recovery needs"
                        + " another one",
                "environments/dev.yaml:11:12: dr.vpcCidr: \"10.10.128.0/20\" overlaps network.cidr 10.10.0.0/16; give"
                        + " the DR VPC its own block (the two may need peering during a swap)"),
                problems(BASE + "dr:\n  region: us-east-1\n  vpcCidr: 10.10.128.0/20\n"));
    }

    @Test
    void failsOnWarmStandbyWithoutBackupsOrHosts() {
        List<String> p = problems(BASE + "database:\n  backupRetentionDays: 0\n"
                + "dr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n  standbyCapacity: 0\n");
        assertEquals(2, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("dr.mode: warm standby needs automated backups on the primary"), p.get(0));
        assertTrue(p.get(1).contains("dr.standbyCapacity: warm standby keeps at least one host running"), p.get(1));
    }

    @Test
    void failsWhenTheDrStateWouldLiveInThePrimaryRegion() {
        List<String> p = problems(BASE + "state:\n  bucket: tf-state\n  lockTable: locks\n"
                + "dr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n");
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("environments/dev.yaml:13:11: dr.region: the DR stacks' state would live in"
                + " us-east-1, the region they must survive"), p.get(0));
    }

    @Test
    void failsWithoutALoadBalancedAppAndOnBadValues() {
        List<String> p = problems("name: dev\nregion: us-east-1\napp:\n  image: a/b\n  tag: \"1\"\n"
                + "dr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n  mode: hot\n  activeRegion: west\n");
        assertEquals(3, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("dr: the region swap needs app.mode: asg"), p.get(0));
        assertTrue(p.get(1).contains("dr.mode: \"hot\" is not a DR mode"), p.get(1));
        assertTrue(p.get(2).contains("dr.activeRegion: \"west\" is not primary or dr"), p.get(2));
    }

    private static final String HTTPS = "name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.10.0.0/16\n"
            + "app:\n  image: a/b\n  tag: \"1\"\n  mode: asg\n"
            + "  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/aaaa\n"
            + "dr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n";

    @Test
    void theDrLoadBalancerUsesTheDrRegionsCertificate() throws ConfigException {
        EnvironmentConfig env = new ConfigLoader(ConfigLoaderTest.HOME).parse("environments/dev.yaml", "dev",
                HTTPS + "  certificateArn: arn:aws:acm:us-west-2:123456789012:certificate/bbbb\n");
        assertEquals("arn:aws:acm:us-east-1:123456789012:certificate/aaaa", env.app().get().certificateArn().get());
        assertEquals("arn:aws:acm:us-west-2:123456789012:certificate/bbbb",
                env.inDrRegion().app().get().certificateArn().get());
    }

    @Test
    void failsWithoutADrCertificateWhenThePrimaryHasHttps() {
        List<String> p = problems(HTTPS);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:11:3: dr.certificateArn: app.certificateArn is set"),
                p.get(0));
    }

    @Test
    void failsOnADrCertificateOfAnotherRegion() {
        List<String> p = problems(HTTPS + "  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/aaaa\n");
        assertEquals(List.of("environments/dev.yaml:13:19: dr.certificateArn: the certificate is in us-east-1; the DR"
                + " load balancer can only use an ACM certificate of us-west-2 (request or import one there)"), p);
    }
}
