package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Careless input, systematically: every value of every shipped environment file replaced by values of the wrong
 * type, size or sign. The loader must answer each with problems (a ConfigException) or a config, never with
 * another exception (which the CLI would show as a stack trace or "error: NullPointerException").
 */
class NoStackTraceFuzzTest {

    static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();
    static final List<String> VALUES = List.of("[]", "{}", "[a, [b]]", "{a: {b: c}}", "-1", "0", "99999999999999999999",
            "1.5e300", "\"\"", "~", "x", "true", "\"é\u00a0ü\"", "0x1F", "010", "2026-11-30", "\"" + "z".repeat(5000) + "\"",
            "&a [1]", "*undefined", "!!binary aGk=", "'10.0.0.0/8'", "[10.0.0.0/8, 0.0.0.0/0]", "\"0.0.0.0/0\"");
    static final Pattern VALUE_LINE = Pattern.compile("(?m)^(\\s*(?:- )?[A-Za-z][A-Za-z0-9-]*:)( +)([^#\\n]+?)(\\s*(#.*)?)$");

    @Test
    void everyMangledValueOfEveryShippedFileGetsProblemsNotAnException() throws Exception {
        List<String> crashes = new ArrayList<>();
        int cases = 0;
        try (Stream<Path> files = Files.list(HOME.resolve("environments"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".yaml", "");
                String text = Files.readString(f);
                Matcher m = VALUE_LINE.matcher(text);
                while (m.find()) {
                    for (String v : VALUES) {
                        String mangled = text.substring(0, m.start(3)) + v + text.substring(m.end(3));
                        cases++;
                        try {
                            new ConfigLoader(HOME).parse("environments/" + name + ".yaml", name, mangled);
                        } catch (ConfigException expected) {
                            // a clear answer
                        } catch (RuntimeException | StackOverflowError e) {
                            crashes.add(name + ": `" + m.group(1).strip() + " " + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
                                    + "`: " + e);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), crashes, cases + " cases");
    }
}
