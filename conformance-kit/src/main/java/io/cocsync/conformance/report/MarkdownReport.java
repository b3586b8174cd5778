package io.cocsync.conformance.report;

import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.CheckResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The run for people: a verdict, a table of every check, and each failure's full reason. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static void write(RunSummary run, Path file) throws IOException {
        JUnitXmlReport.createParent(file);
        Files.writeString(file, render(run), StandardCharsets.UTF_8);
    }

    public static String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("# COC conformance: ").append(run.passed() ? "PASSED" : "FAILED").append("\n\n");
        md.append("- target: `").append(run.target()).append("`\n");
        md.append("- mode: `").append(run.mode()).append("`\n");
        md.append("- accounts prefix: `").append(run.prefix()).append("`\n");
        md.append("- started: ").append(run.started()).append("\n");
        md.append("- checks: ").append(run.count(Outcome.PASSED)).append(" passed, ")
                .append(run.count(Outcome.FAILED)).append(" failed, ")
                .append(run.count(Outcome.SKIPPED)).append(" skipped\n\n");
        md.append("| check | result | seconds | what it proves |\n|---|---|---|---|\n");
        for (CheckResult result : run.results()) {
            md.append("| `").append(result.name()).append("` | ").append(verdict(result.outcome())).append(" | ")
                    .append(RunSummary.seconds(result.duration())).append(" | ").append(cell(result.summary()))
                    .append(result.outcome() == Outcome.SKIPPED ? " (skipped: " + cell(result.headline()) + ")" : "")
                    .append(" |\n");
        }
        if (!run.passed()) {
            md.append("\n## Failures\n");
            for (CheckResult result : run.results()) {
                if (result.failed()) {
                    md.append("\n### `").append(result.name()).append("`\n\n").append(result.summary()).append("\n\n```text\n")
                            .append(result.message().replace("```", "'''")).append("\n```\n");
                }
            }
        }
        return md.toString();
    }

    private static String verdict(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "passed";
            case FAILED -> "**FAILED**";
            case SKIPPED -> "skipped";
        };
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
