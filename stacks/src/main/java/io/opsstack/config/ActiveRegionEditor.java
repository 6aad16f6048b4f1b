package io.opsstack.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sets {@code dr.activeRegion} in an environment file in place: only that value changes (comments, order and
 * formatting stay), so the pull request shows exactly one line. The result is validated with the loader before
 * it replaces the file.
 */
public final class ActiveRegionEditor {

    private final Path home;

    public ActiveRegionEditor(Path home) {
        this.home = home;
    }

    /** What happened: the file, and the value before and after. */
    public record Change(String file, String before, String after, boolean changed) {
    }

    public Change set(String environment, DrConfig.Active active) throws ConfigException, IOException {
        ConfigLoader loader = new ConfigLoader(home);
        EnvironmentConfig env = loader.load(List.of(environment)).get(0);
        String display = env.file();
        if (env.dr().isEmpty()) {
            throw new ConfigException(List.of(new ConfigProblem(display, 0, 0, "dr", "this environment has no dr"
                    + " section, so there is no region to swap to; add one (see docs/disaster-recovery.md)")));
        }
        Path file = home.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(environment + ConfigLoader.EXTENSION);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String before = env.dr().get().activeRegion().yamlName();
        if (before.equals(active.yamlName())) {
            return new Change(display, before, before, false);
        }
        String edited = edit(text, active.yamlName(), display);
        // Never write a file the loader would refuse.
        loader.parse(display, environment, edited);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, edited, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Change(display, before, active.yamlName(), true);
    }

    private static String edit(String text, String value, String display) throws ConfigException {
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        MappingNode dr = null;
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            if (((ScalarNode) t.getKeyNode()).getValue().equals("dr")) {
                dr = (MappingNode) t.getValueNode();
            }
        }
        if (dr == null || dr.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            throw new ConfigException(List.of(new ConfigProblem(display, 0, 0, "dr", "write the dr section in block"
                    + " style (one key per line) so that it can be edited in place")));
        }
        for (NodeTuple t : dr.getValue()) {
            if (((ScalarNode) t.getKeyNode()).getValue().equals("activeRegion")) {
                Node v = t.getValueNode();
                // Replace exactly the value's characters (quotes included), nothing else on the line.
                return text.substring(0, v.getStartMark().getIndex()) + value + text.substring(v.getEndMark().getIndex());
            }
        }
        // No activeRegion yet: add it as the section's last key, indented like the first one.
        NodeTuple first = dr.getValue().get(0);
        int indent = first.getKeyNode().getStartMark().getColumn();
        int insertAt = lineEnd(text, dr.getValue().get(dr.getValue().size() - 1).getValueNode().getEndMark().getIndex());
        String line = " ".repeat(indent) + "activeRegion: " + value + "\n";
        return text.substring(0, insertAt) + line + text.substring(insertAt);
    }

    /** Index just after the line break ending the line that contains index - 1. */
    private static int lineEnd(String text, int index) {
        int nl = text.indexOf('\n', Math.max(0, index - 1));
        return nl < 0 ? text.length() : nl + 1;
    }
}
