package io.opsstack.cli;

import io.opsstack.review.Review;
import io.opsstack.review.ReviewReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Compares two synth outputs (e.g. the base branch's and the pull request's) without state or "
                + "credentials, or reads saved plans (--plan, from `terraform show -json`): a headline per cause, "
                + "ordered by consequence; resources created, updated, replaced, destroyed; what AWS will refuse; "
                + "rendered config diffs; policy findings introduced or resolved.")
final class ReviewCommand implements Callable<Integer> {

    enum Format { markdown, text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "DIR", description = "The synth output before the change.")
    Path base;

    @Option(names = "--head", paramLabel = "DIR", description = "The synth output after the change (with --plan:"
            + " the output the plans were made from, to name construct paths; optional).")
    Path head;

    @Option(names = "--plan", paramLabel = "FILE", description = "`terraform show -json` of a saved plan, one per"
            + " stack (repeat); the stack is named by the file (prod-data.json) unless --head maps it.")
    java.util.List<Path> plans = new java.util.ArrayList<>();

    @Option(names = "--comment-limit", defaultValue = "60000", paramLabel = "CHARS", description = "markdown: cut at"
            + " a section boundary below this many characters (a GitHub comment holds about 65,000; 0: never cut;"
            + " default: ${DEFAULT-VALUE}).")
    int commentLimit;

    @Option(names = "--full-report", paramLabel = "FILE", description = "markdown: also write the uncut report"
            + " here (e.g. a CI artifact); a cut comment names it.")
    Path fullReport;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown, text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        Review review;
        if (!plans.isEmpty()) {
            if (base != null) {
                throw new Main.UsageError("--plan and --base: give either saved plans or two synth outputs");
            }
            for (Path p : plans) {
                if (!Files.isRegularFile(p)) {
                    throw new Main.UsageError(p + " does not exist: give `terraform show -json PLAN > FILE` output");
                }
            }
            if (head != null && !Files.isRegularFile(head.resolve("manifest.json"))) {
                throw new Main.UsageError(head + " has no manifest.json: give the ./opsstack synth output the plans"
                        + " were made from");
            }
            review = io.opsstack.review.PlanReview.of(plans, head);
        } else {
            if (base == null || head == null) {
                throw new Main.UsageError("give --base DIR --head DIR (two synth outputs) or --plan FILE");
            }
            for (Path dir : new Path[] {base, head}) {
                if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                    throw new Main.UsageError(dir + " has no manifest.json: give two ./opsstack synth outputs");
                }
            }
            review = Review.compare(base, head);
        }
        String full = format == Format.markdown ? ReviewReport.markdown(review) : null;
        if (full != null && fullReport != null) {
            Files.writeString(fullReport, full, java.nio.charset.StandardCharsets.UTF_8);
        }
        spec.commandLine().getOut().print(switch (format) {
            case markdown -> commentLimit <= 0 ? full : ReviewReport.fit(full, commentLimit, fullReport != null
                    ? "`" + fullReport + "` (written beside this comment, e.g. the job's artifact)"
                    : "not written: rerun with --full-report FILE, or with --format text");
            case text -> ReviewReport.text(review);
            case json -> ReviewReport.json(review) + "\n";
        });
        return Main.OK;
    }
}
