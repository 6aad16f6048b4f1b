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
                + "credentials: resources created, updated, replaced, destroyed; rendered config diffs; policy "
                + "findings introduced or resolved.")
final class ReviewCommand implements Callable<Integer> {

    enum Format { markdown, text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "The synth output before the change.")
    Path base;

    @Option(names = "--head", required = true, paramLabel = "DIR", description = "The synth output after the change.")
    Path head;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown, text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        for (Path dir : new Path[] {base, head}) {
            if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                throw new Main.UsageError(dir + " has no manifest.json: give two ./opsstack synth outputs");
            }
        }
        Review review = Review.compare(base, head);
        spec.commandLine().getOut().print(switch (format) {
            case markdown -> ReviewReport.markdown(review);
            case text -> ReviewReport.text(review);
            case json -> ReviewReport.json(review) + "\n";
        });
        return Main.OK;
    }
}
