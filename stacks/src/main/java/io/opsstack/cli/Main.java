package io.opsstack.cli;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigProblem;
import io.opsstack.policy.PolicyException;
import io.opsstack.render.RenderException;
import io.opsstack.synth.SynthException;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code opsstack} command: a thin shell over config loading, stack building and synthesis. */
@Command(name = "opsstack",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Synthesizes Terraform JSON (CDK for Terraform) and host configs for each environment in "
                + "environments/.",
        subcommands = {SynthCommand.class, RenderCommand.class, ValidateCommand.class, ListCommand.class,
                SwapCommands.Failover.class, SwapCommands.Failback.class, CheckCommand.class, ReviewCommand.class,
                RehearseCommand.class, DriftCommand.class, DrillCommand.class,
                TeardownCommand.class, EmulatorCommand.class, StateBucketCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure other than bad input (I/O, Node.js/jsii, a bug)",
                "2:invalid input: environment files, policy errors or command-line usage; nothing was written",
                "130:interrupted (Ctrl-C; 143 for SIGTERM); the previous output is left as it was"})
public final class Main implements java.util.concurrent.Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int INVALID_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--project-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "The project root with environments/ (default: the launcher's directory, else the current"
                    + " directory).")
    Path projectDir;

    Path home() {
        if (projectDir != null) {
            return projectDir.toAbsolutePath().normalize();
        }
        String property = System.getProperty("opsstack.home");
        return Path.of(property != null ? property : "").toAbsolutePath().normalize();
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // Named from picocli's own registry, so a new command can never be left out of this message.
        String commands = spec.subcommands().keySet().stream().filter(c -> !c.equals("help"))
                .collect(java.util.stream.Collectors.joining(", "));
        err.println("opsstack: a command is required (" + commands + ")");
        spec.commandLine().usage(err);
        return INVALID_INPUT;
    }

    public static void main(String[] args) {
        io.opsstack.synth.Interrupts.install();
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = execute(new PrintWriter(System.out, true), err, args);
        } catch (Throwable t) {
            // An Error (e.g. jsii's ExceptionInInitializerError when Node.js dies) escapes picocli's handler.
            io.opsstack.synth.Interrupts.settle(t);
            err.println("opsstack: error: " + t.getClass().getSimpleName() + ": " + t.getMessage());
            if (System.getenv("OPSSTACK_DEBUG") != null) {
                t.printStackTrace(err);
            } else {
                err.println("(set OPSSTACK_DEBUG=1 for a stack trace)");
            }
            code = FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this directly). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        // Every subcommand has -V/--version (mixinStandardHelpOptions) but no version of its own: give them all
        // the top-level one, or `opsstack synth -V` prints nothing.
        for (CommandLine sub : cmd.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int report(Exception e, PrintWriter err) {
        if (e instanceof ConfigException config) {
            for (ConfigProblem p : config.problems()) {
                err.println(p.format());
            }
            int n = config.problems().size();
            err.println(n + (n == 1 ? " problem" : " problems") + " in environment files; nothing was written.");
            return INVALID_INPUT;
        }
        if (e instanceof PolicyException) {
            err.println(e.getMessage());
            return INVALID_INPUT;
        }
        if (e instanceof UsageError) {
            err.println("opsstack: " + e.getMessage());
            return INVALID_INPUT;
        }
        io.opsstack.synth.Interrupts.settle(e);
        String message = e instanceof SynthException || e instanceof RenderException
                ? e.getMessage() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
        err.println("opsstack: error: " + message);
        if (System.getenv("OPSSTACK_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set OPSSTACK_DEBUG=1 for a stack trace)");
        }
        return FAILURE;
    }

    /** The loader's warnings, one line each: {@code warning: file:line:column: key: message}. */
    static void printWarnings(io.opsstack.config.ConfigLoader loader, PrintWriter err) {
        for (ConfigProblem w : loader.warnings()) {
            err.println("warning: " + w.format());
        }
    }

    /**
     * An output directory from the command line, absolute; a path that cannot be one (a file in the way) is bad
     * input, said before anything starts, not an I/O error after the work is done.
     */
    static Path checkOutputDirectory(Path dir) throws UsageError {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                if (!java.nio.file.Files.isDirectory(p)) {
                    throw new UsageError("cannot write into " + abs + ": " + p + " is not a directory; choose another"
                            + " --out");
                }
                break;
            }
        }
        return abs;
    }

    /** Bad input that is not an environment file: exit 2 with the message. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"opsstack " + (v == null ? "dev" : v)
                    + " (cdktf 0.19.2, cdktf-provider-aws 18.0.3 / terraform-provider-aws 5.x)"};
        }
    }
}
