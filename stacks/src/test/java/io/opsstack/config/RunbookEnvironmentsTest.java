package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every runbook's system is a shipped environment: the README's table names one for each runbook, the file
 * exists, its header comment names the runbook, and its config is that system (frontend kind, database engine).
 */
class RunbookEnvironmentsTest {

    static final Path HOME = ConfigLoaderTest.HOME;
    private static final Pattern ROW = Pattern.compile("^\\| (00\\d) \\|[^|]+\\| ([^|]+) \\|$", Pattern.MULTILINE);
    private static final Pattern ENV = Pattern.compile("`([a-z][a-z0-9-]*)`");
    /** runbook -> environments named in its row, in order. */
    static final Map<String, List<String>> TABLE = new LinkedHashMap<>();
    static Map<String, EnvironmentConfig> shipped = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws Exception {
        String readme = Files.readString(HOME.resolve("README.md"));
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            List<String> envs = new ArrayList<>();
            Matcher env = ENV.matcher(row.group(2));
            while (env.find()) {
                envs.add(env.group(1));
            }
            TABLE.put(row.group(1), envs);
        }
        for (EnvironmentConfig env : new ConfigLoader(HOME).load(List.of())) {
            shipped.put(env.name(), env);
        }
    }

    @Test
    void theReadmeMapsEveryRunbookToShippedEnvironments() throws Exception {
        List<String> runbooks = new ArrayList<>();
        try (var seeds = Files.list(Path.of("/work/shared/seeds"))) {
            seeds.map(p -> p.getFileName().toString().substring(0, 3)).sorted().forEach(runbooks::add);
        } catch (java.io.IOException e) {
            runbooks.addAll(List.of("000", "001", "002", "003", "004")); // the runbooks are not in every checkout
        }
        assertEquals(runbooks, List.copyOf(TABLE.keySet()), "README \"Runbooks and environments\" rows");
        TABLE.forEach((runbook, envs) -> {
            assertFalse(envs.isEmpty(), runbook);
            envs.forEach(e -> assertTrue(shipped.containsKey(e), runbook + ": no environments/" + e + ".yaml"));
        });
    }

    @Test
    void eachEnvironmentsHeaderNamesItsRunbook() throws Exception {
        for (Map.Entry<String, List<String>> row : TABLE.entrySet()) {
            for (String env : row.getValue()) {
                String header = header(env);
                // "runbook 004", "runbooks 000 and 002", "runbooks 000, 001 and 003"
                assertTrue(header.matches("(?s).*runbooks? [0-9, and]*" + row.getKey() + "\\b.*"),
                        env + ".yaml's header does not name runbook " + row.getKey() + ":\n" + header);
            }
        }
    }

    @Test
    void eachEnvironmentIsItsRunbooksSystem() {
        Map<String, Predicate<EnvironmentConfig>> system = Map.of(
                "000", e -> !e.database().sqlite() && e.frontend().isEmpty(),
                "001", e -> kind(e).equals(Optional.of(FrontendConfig.Kind.SERVER)) && !e.database().sqlite(),
                "002", e -> !e.database().sqlite() && e.frontend().isEmpty(),
                "003", e -> kind(e).equals(Optional.of(FrontendConfig.Kind.STATIC)) && !e.database().sqlite(),
                "004", e -> e.database().sqlite() && e.frontend().isEmpty());
        TABLE.forEach((runbook, envs) -> envs.forEach(env ->
                assertTrue(system.get(runbook).test(shipped.get(env)),
                        env + " is not runbook " + runbook + "'s system")));
    }

    private static Optional<FrontendConfig.Kind> kind(EnvironmentConfig e) {
        return e.frontend().map(FrontendConfig::kind);
    }

    /** The comment lines at the top of the file. */
    private static String header(String env) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(HOME.resolve("environments/" + env + ".yaml"))) {
            if (!line.startsWith("#")) {
                break;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
