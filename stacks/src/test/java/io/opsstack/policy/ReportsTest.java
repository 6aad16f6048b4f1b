package io.opsstack.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * `check --format json|sarif` write keys in one order in every run. The order used to come from Map.of, whose
 * iteration order is salted per JVM start: the same report differed between runs, so this runs fresh JVMs.
 */
class ReportsTest {

    static String runFreshJvm() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-cp", System.getProperty("java.class.path"), ReportsOrderMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void jsonAndSarifAreTheSameBytesInEveryJvm() throws Exception {
        Set<String> outputs = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            outputs.add(runFreshJvm());
        }
        assertEquals(1, outputs.size(), String.join("\n=====\n", outputs));
    }

    /** Every object's keys, depth first: the order a reader (and a diff of two reports) sees. */
    static void keys(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            out.add(at + names);
            node.properties().forEach(f -> keys(f.getValue(), at + "/" + f.getKey(), out));
        } else if (node.isArray() && node.size() > 0) {
            keys(node.get(0), at + "/0", out);
        }
    }

    @Test
    void keysComeInTheDocumentedOrder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> jsonKeys = new ArrayList<>();
        keys(json.readTree(Reports.json(ReportsOrderMain.report())), "", jsonKeys);
        assertEquals(List.of("[findings, blocking, excludedUpstream]",
                "/findings/0[rule, severity, resource, message, fix, suppressed]",
                "/excludedUpstream/0[upstream, resourceType, reason]"),
                jsonKeys);
        List<String> sarifKeys = new ArrayList<>();
        keys(json.readTree(Reports.sarif(ReportsOrderMain.report())), "", sarifKeys);
        assertEquals(List.of("[$schema, version, runs]", "/runs/0[tool, results, properties]", "/runs/0/tool[driver]",
                "/runs/0/tool/driver[name, informationUri, rules]",
                "/runs/0/tool/driver/rules/0[id, shortDescription, fullDescription, help, defaultConfiguration, properties]",
                "/runs/0/tool/driver/rules/0/shortDescription[text]", "/runs/0/tool/driver/rules/0/fullDescription[text]",
                "/runs/0/tool/driver/rules/0/help[text]", "/runs/0/tool/driver/rules/0/defaultConfiguration[level]",
                "/runs/0/tool/driver/rules/0/properties[upstream, tags]",
                "/runs/0/results/0[ruleId, level, message, locations]", "/runs/0/results/0/message[text]",
                "/runs/0/results/0/locations/0[physicalLocation, logicalLocations]",
                "/runs/0/results/0/locations/0/physicalLocation[artifactLocation]",
                "/runs/0/results/0/locations/0/physicalLocation/artifactLocation[uri]",
                "/runs/0/results/0/locations/0/logicalLocations/0[fullyQualifiedName]",
                "/runs/0/properties[excludedUpstream]", "/runs/0/properties/excludedUpstream/0[upstream, resourceType,"
                        + " reason]"), sarifKeys);
    }
}
