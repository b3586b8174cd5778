package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cocsync.contract.support.Coverage;
import io.cocsync.contract.support.CoverageTable;
import io.cocsync.conformance.spec.SpecContract;
import io.cocsync.conformance.spec.SpecContract.OperationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class (see junit-platform.properties: classes are ordered by
 * {@link Order}, and the others have the default order) and fails when a documented
 * (operationId, status) pair that a test can trigger was never seen.
 */
@Order(Integer.MAX_VALUE)
class ContractCoverageTest {

    /** The coverage table for reviewers: every documented (operation, status) and example, and whether a test exercised it. */
    @BeforeAll
    static void writeCoverageTable() throws Exception {
        Path table = Path.of("target", "contract-coverage.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, CoverageTable.render(SpecContract.get(), Coverage.seen(), Coverage.examplesExercised(),
                Coverage.NOT_TRIGGERABLE));
    }

    @Test
    void everyExampleOfTheSpecWasExercised() {
        assumeFalse(Coverage.seen().isEmpty(), "no exchange was recorded: this class ran without the rest of the suite");

        Set<String> missing = new TreeSet<>(CoverageTable.examplesOf(SpecContract.get()));
        missing.removeAll(Coverage.examplesExercised());

        assertThat(missing).as("spec examples that no test played or checked").isEmpty();
    }

    @Test
    void everyDocumentedOutcomeThatATestCanTriggerWasSeen() {
        Set<OperationStatus> seen = Coverage.seen();
        assumeFalse(seen.isEmpty(), "no exchange was recorded: this class ran without the rest of the suite");

        Set<OperationStatus> missing = new TreeSet<>(Coverage.required());
        missing.removeAll(seen);

        assertThat(missing)
                .as("documented (operation, status) pairs no test triggered; seen: %s; not triggerable: %s",
                        seen, Coverage.NOT_TRIGGERABLE)
                .isEmpty();
    }

    @Test
    void everySeenOutcomeIsDocumented() {
        Set<OperationStatus> undocumented = new TreeSet<>(Coverage.seen());
        undocumented.removeAll(SpecContract.get().documentedPairs());

        assertThat(undocumented).as("(operation, status) pairs the server answered that the spec does not document")
                .isEmpty();
    }

    @Test
    void onlyDocumentedStatusesAreExemptFromCoverage() {
        Set<Integer> documentedStatuses = new TreeSet<>();
        SpecContract.get().documentedPairs().forEach(pair -> documentedStatuses.add(pair.status()));

        assertThat(documentedStatuses).containsAll(Coverage.NOT_TRIGGERABLE.keySet());
    }
}
