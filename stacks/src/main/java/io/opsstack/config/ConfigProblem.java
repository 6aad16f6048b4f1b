package io.opsstack.config;

import java.util.Comparator;

/**
 * One thing wrong with an environment file, located by file, 1-based line and column, and key path.
 * Formatted as {@code environments/prod.yaml:12:3: network.cidr: "10.0.0.0/33" is not an IPv4 CIDR (...)}.
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

    public static final Comparator<ConfigProblem> ORDER = Comparator.comparing(ConfigProblem::file)
            .thenComparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column)
            .thenComparing(ConfigProblem::path)
            .thenComparing(ConfigProblem::message);

    public String format() {
        String location = file + (line > 0 ? ":" + line + ":" + column : "");
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
