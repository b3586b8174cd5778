package io.cocsync.contract.support;

import io.cocsync.conformance.spec.SpecContract;
import io.cocsync.conformance.spec.SpecContract.OperationStatus;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Renders what the contract tests exercised as a Markdown table, operation by operation. */
public final class CoverageTable {

    private CoverageTable() {
    }

    /** Every example of the spec, named as {@link Coverage#exampleExercised} names them. */
    public static Set<String> examplesOf(SpecContract spec) {
        Set<String> examples = new TreeSet<>();
        spec.forEachOperation((path, method, operation) -> {
            String id = operation.getOperationId();
            if (operation.getRequestBody() != null) {
                MediaType body = operation.getRequestBody().getContent().get("application/json");
                if (body != null && body.getExamples() != null) {
                    body.getExamples().keySet().forEach(name -> examples.add(id + ": request " + name));
                }
            }
            operation.getResponses().forEach((status, response) -> {
                MediaType media = response.getContent() == null ? null : response.getContent().get("application/json");
                if (media != null && media.getExamples() != null) {
                    media.getExamples().keySet().forEach(name -> examples.add(id + ": " + status + " " + name));
                }
            });
        });
        return examples;
    }

    public static String render(SpecContract spec, Set<OperationStatus> seen, Set<String> examplesExercised,
            Map<Integer, String> notTriggerable) {
        StringBuilder table = new StringBuilder("# Contract coverage\n\n")
                .append("| operation | status | exercised | examples exercised |\n|---|---|---|---|\n");
        Set<String> examples = examplesOf(spec);
        for (OperationStatus pair : spec.documentedPairs()) {
            String exercised = seen.contains(pair) ? "yes"
                    : notTriggerable.containsKey(pair.status()) ? "cannot be triggered: " + notTriggerable.get(pair.status())
                    : "**NO**";
            String prefix = pair.operationId() + ": " + pair.status() + " ";
            long total = examples.stream().filter(e -> e.startsWith(prefix)).count();
            long done = examplesExercised.stream().filter(e -> e.startsWith(prefix)).count();
            table.append("| ").append(pair.operationId()).append(" | ").append(pair.status()).append(" | ")
                    .append(exercised).append(" | ").append(done).append(" of ").append(total).append(" |\n");
        }
        table.append("\nRequest-body examples played against the server:\n\n");
        examples.stream().filter(e -> e.contains(": request ")).forEach(e -> table.append("- ").append(e)
                .append(examplesExercised.contains(e) ? " — accepted\n" : " — **NOT PLAYED**\n"));
        return table.toString();
    }
}
