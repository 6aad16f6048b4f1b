package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.policy.PolicyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every check that can run without Node.js runs in validate: whatever validate accepts, synth's policy accepts.
 * The shipped environment files have each value replaced by others (other numbers, booleans, CIDRs, empty lists);
 * every variant the loader accepts becomes an environment of one project (renamed, keeping production names
 * production), and one synth of them all must raise no policy error.
 */
class ValidateAgreesWithPolicyTest {

    static final List<String> VALUES = List.of("-1", "0", "1", "3", "true", "false", "[]", "[0.0.0.0/0]",
            "[10.0.0.0/8]", "\"0.0.0.0/0\"", "~");
    static final Pattern VALUE_LINE = Pattern.compile("(?m)^(\\s*[A-Za-z][A-Za-z0-9-]*:)( +)([^#\\n{\\[]+?|\\[[^\\]#]*])"
            + "(\\s*(#.*)?)$");
    /**
     * Enough variants to cover every key of the shipped files, few enough for one synth of a few hundred stacks;
     * -Dopsstack.agreementVariants=1000 runs them all (about 300, a few minutes).
     */
    static final int MAX_VARIANTS = Integer.getInteger("opsstack.agreementVariants", 90);

    @Test
    void whatValidateAcceptsSynthsPolicyAcceptsToo() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path envs = home.resolve("environments");
        Map<String, String> variants = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SynthFixture.HOME.resolve("environments"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".yaml", "");
                if (name.equals("local")) {
                    continue;  // one local environment only, and it has no policy-checked stacks
                }
                String text = Files.readString(f);
                Matcher m = VALUE_LINE.matcher(text);
                while (m.find()) {
                    if (m.group(1).strip().equals("name:")) {
                        continue;
                    }
                    for (String v : VALUES) {
                        // prod-v12 is production like prod; dev keeps its own name's exemptions only as dev.
                        String newName = (name.equals("prod") ? "prod-v" : name.substring(0, Math.min(name.length(), 6))
                                + "v") + variants.size();
                        String mangled = (text.substring(0, m.start(3)) + v + text.substring(m.end(3)))
                                .replaceFirst("(?m)^name: " + name + "\\b", "name: " + newName);
                        try {
                            new ConfigLoader(home).parse("environments/" + newName + ".yaml", newName, mangled);
                        } catch (ConfigException refused) {
                            continue;
                        }
                        if (mangled.equals(text.replaceFirst("(?m)^name: " + name + "\\b", "name: " + newName))) {
                            continue;  // the same value as shipped
                        }
                        variants.put(newName, name + ": `" + m.group(1).strip() + " " + v + "`");
                        Files.writeString(envs.resolve(newName + ".yaml"), mangled);
                    }
                }
            }
        }
        // Keep every k-th variant, so that every file and key is still represented.
        List<String> names = List.copyOf(variants.keySet());
        int step = Math.max(1, names.size() / MAX_VARIANTS + (names.size() % MAX_VARIANTS == 0 ? 0 : 1));
        for (int i = 0; i < names.size(); i++) {
            if (i % step != 0) {
                Files.delete(envs.resolve(names.get(i) + ".yaml"));
                variants.remove(names.get(i));
            }
        }
        assertTrue(variants.size() > 30, "too few accepted variants to mean anything: " + variants.size());
        try {
            new Synthesizer(home).synth(new ConfigLoader(home).load(List.of()), home.resolve("cdktf.out"));
        } catch (PolicyException e) {
            StringBuilder which = new StringBuilder();
            variants.forEach((env, what) -> {
                if (e.getMessage().contains(" " + env + "-")) {
                    which.append("\n  ").append(env).append(" = ").append(what);
                }
            });
            fail("validate accepted what synth's policy refuses:" + which + "\n" + e.getMessage());
        }
    }
}
