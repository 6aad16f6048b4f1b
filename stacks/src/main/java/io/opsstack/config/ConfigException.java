package io.opsstack.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in the environment files of one run, in file/line order. Maps to exit code 2. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().sorted(ConfigProblem.ORDER).map(ConfigProblem::format)
                .collect(Collectors.joining("\n")));
        this.problems = problems.stream().sorted(ConfigProblem.ORDER).toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
