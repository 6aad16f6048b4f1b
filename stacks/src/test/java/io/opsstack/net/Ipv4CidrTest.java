package io.opsstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class Ipv4CidrTest {

    @Test
    void parsesOnlyExactNetworkAddresses() {
        assertEquals("10.10.0.0/16", Ipv4Cidr.parse("10.10.0.0/16").orElseThrow().toString());
        assertEquals(Optional.empty(), Ipv4Cidr.parse("10.10.0.1/16"), "host bits set");
        assertEquals("10.10.0.0/16", Ipv4Cidr.parseClearingHostBits("10.10.0.1/16").orElseThrow().toString());
        for (String bad : new String[] {"10.0.0.0/33", "256.0.0.0/16", "10.0.0/16", "010.0.0.0/16", "10.0.0.0/08",
                "10.0.0.0", "a.b.c.d/16", " 10.0.0.0/16"}) {
            assertEquals(Optional.empty(), Ipv4Cidr.parseClearingHostBits(bad), bad);
        }
    }

    @Test
    void subnetsLikeTerraformsCidrsubnet() {
        Ipv4Cidr vpc = Ipv4Cidr.parse("10.10.0.0/16").orElseThrow();
        // cidrsubnet("10.10.0.0/16", 4, 9) = "10.10.144.0/20"
        assertEquals("10.10.144.0/20", vpc.subnet(4, 9).toString());
        assertEquals("10.10.240.0/20", vpc.subnet(4, 15).toString());
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(4, 16));
        Ipv4Cidr small = Ipv4Cidr.parse("192.168.1.0/24").orElseThrow();
        assertEquals("192.168.1.240/28", small.subnet(4, 15).toString());
    }

    @Test
    void overlapIsContainmentEitherWay() {
        Ipv4Cidr a = Ipv4Cidr.parse("10.10.0.0/16").orElseThrow();
        assertTrue(a.overlaps(Ipv4Cidr.parse("10.10.128.0/20").orElseThrow()));
        assertTrue(Ipv4Cidr.parse("10.0.0.0/8").orElseThrow().overlaps(a));
        assertFalse(a.overlaps(Ipv4Cidr.parse("10.20.0.0/16").orElseThrow()));
    }

    @Test
    void layoutKeepsEachTiersSlotWhateverTheAzCount() {
        Ipv4Cidr vpc = Ipv4Cidr.parse("10.0.0.0/24").orElseThrow();
        assertEquals("10.0.0.0/28", SubnetLayout.subnet(vpc, SubnetLayout.Tier.PUBLIC, 0).toString());
        assertEquals("10.0.0.64/28", SubnetLayout.subnet(vpc, SubnetLayout.Tier.APP, 0).toString());
        assertEquals("10.0.0.160/28", SubnetLayout.subnet(vpc, SubnetLayout.Tier.DATABASE, 2).toString());
        assertThrows(IllegalArgumentException.class, () -> SubnetLayout.subnet(vpc, SubnetLayout.Tier.APP, 4));
    }
}
