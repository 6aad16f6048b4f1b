package io.opsstack.config;

import io.opsstack.net.Ipv4Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The VPC blocks of every environment loaded together (network.cidr and dr.vpcCidr), and the warning when two
 * environments' blocks overlap: VPC peering, and an environment's DR region reaching another's, need distinct
 * blocks, and changing a VPC's block later replaces the VPC and everything in it. A warning, not an error: two
 * sandboxes that will never be connected may share one.
 */
final class VpcBlocks {

    /** One block as written: which environment and file, the key path, where, and the block. */
    record Use(String environment, String file, int line, int column, String path, Ipv4Cidr cidr, boolean isDefault,
               boolean wanted) {

        String where() {
            return file + (line > 0 ? ":" + line + ":" + column : "");
        }
    }

    private final List<Use> uses;
    private final boolean wanted;

    VpcBlocks() {
        this(new ArrayList<>(), true);
    }

    private VpcBlocks(List<Use> uses, boolean wanted) {
        this.uses = uses;
        this.wanted = wanted;
    }

    /** A view that records environments not asked for: compared with, never warned about on their own. */
    VpcBlocks others() {
        return new VpcBlocks(uses, false);
    }

    /** Records the blocks of one bound environment; {@code root} gives their places in the file. */
    void add(EnvironmentConfig env, MappingNode root) {
        if (env.isLocal()) {
            return;
        }
        uses.add(use(env, root, "network", "cidr", env.network().cidr()));
        env.dr().ifPresent(dr -> uses.add(use(env, root, "dr", "vpcCidr", dr.vpcCidr())));
    }

    private Use use(EnvironmentConfig env, MappingNode root, String section, String key, Ipv4Cidr cidr) {
        Optional<Node> value = child(root, section).flatMap(s -> s instanceof MappingNode m ? child(m, key)
                : Optional.empty());
        Mark mark = value.map(Node::getStartMark).orElse(root.getStartMark());
        return new Use(env.name(), env.file(), mark.getLine() + 1, mark.getColumn() + 1, section + "." + key, cidr,
                value.isEmpty(), wanted);
    }

    private static Optional<Node> child(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** One warning per pair of overlapping blocks of different environments, at the later one, naming both. */
    List<ConfigProblem> overlaps() {
        List<ConfigProblem> out = new ArrayList<>();
        for (int i = 0; i < uses.size(); i++) {
            for (int j = 0; j < i; j++) {
                // Reported at the later block, or at the one asked for when the other was only compared with.
                Use a = uses.get(i).wanted() ? uses.get(j) : uses.get(i);
                Use b = uses.get(i).wanted() ? uses.get(i) : uses.get(j);
                if (a.environment().equals(b.environment()) || !a.cidr().overlaps(b.cidr())
                        || !(a.wanted() || b.wanted())) {
                    continue;
                }
                String how = a.cidr().equals(b.cidr()) ? "is the same block as" : "overlaps";
                out.add(new ConfigProblem(b.file(), b.line(), b.column(), b.path(), b.cidr()
                        + (b.isDefault() ? " (the default)" : "") + " " + how + " " + a.environment() + "'s "
                        + a.path() + " " + a.cidr() + (a.isDefault() ? " (the default)" : "") + " at " + a.where()
                        + "; VPC peering and DR need distinct blocks (changing one later replaces the VPC): give each"
                        + " environment its own"));
            }
        }
        return out;
    }
}
