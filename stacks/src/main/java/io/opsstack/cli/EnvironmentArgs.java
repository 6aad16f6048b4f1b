package io.opsstack.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Parameters;

/** The {@code [ENV...]} arguments every command takes: the environments to act on (default: all). */
final class EnvironmentArgs {

    @Parameters(paramLabel = "ENV", arity = "0..*", description = "Environments (default: every file in"
            + " environments/).")
    List<String> names = new ArrayList<>();
}
