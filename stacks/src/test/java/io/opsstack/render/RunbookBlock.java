package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell procedure of docs/runbook.md, read from the doc itself, so that an edit that breaks the procedure fails
 * the test that runs it: the first {@code ```sh} block after the line holding a given text, with placeholders
 * replaced by what this run has (the account, the backup's date), and the lines that cannot run on the test host
 * (systemctl: no systemd and no app service there; curl of the app: no app) left out and listed.
 */
record RunbookBlock(String script, List<String> skipped) {

    static final Path RUNBOOK = SynthFixture.HOME.resolve("docs/runbook.md");

    /**
     * @param after        text of the line (a bullet) the block follows
     * @param replacements regex to replacement, applied to every line in order
     * @param unrunnable   prefixes of the commands left out
     */
    static RunbookBlock read(String after, Map<String, String> replacements, List<String> unrunnable)
            throws Exception {
        List<String> lines = Files.readAllLines(RUNBOOK);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(after)) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, RUNBOOK + " has no line containing: " + after);
        int open = -1;
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("```sh")) {
                open = i;
                break;
            }
        }
        assertTrue(open >= 0, RUNBOOK + ": no ```sh block after: " + after);
        StringBuilder script = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        for (int i = open + 1; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
            String line = lines.get(i).trim();
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                line = line.replaceAll(r.getKey(), Matcher.quoteReplacement(r.getValue()));
            }
            String command = line.replaceAll("\\s+#.*$", "");
            if (unrunnable.stream().anyMatch(command::startsWith)) {
                skipped.add(command);
                continue;
            }
            script.append(line).append('\n');
        }
        return new RunbookBlock(script.toString(), skipped);
    }

    static String quoteRegex(String literal) {
        return Pattern.quote(literal);
    }
}
