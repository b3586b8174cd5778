package io.cocsync.contract.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.conformance.checks.Check;
import io.cocsync.conformance.checks.Mode;
import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.KitSession;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance kit's checks as JUnit tests, one per check under the check's own name, so that
 * this suite and the kit run the one set of checks. Every exchange a check makes counts for the
 * suite's spec coverage (the session's observer is {@link Coverage#record}).
 */
public final class KitChecksAsTests {

    private KitChecksAsTests() {
    }

    /** Each check of the session must pass (skipping is a failure here: our server has what each check needs). */
    public static Stream<DynamicTest> of(KitSession session) {
        Stream<DynamicTest> checks = session.checks().stream()
                .map(check -> DynamicTest.dynamicTest(check.name(), () -> assertPassed(session.run(check), check)));
        return session.settings().mode().runs(Mode.FULL)
                ? Stream.concat(checks, Stream.of(DynamicTest.dynamicTest(KitSession.CLEAN_UP,
                        () -> assertPassed(session.cleanUp(), null))))
                : checks;
    }

    private static void assertPassed(CheckResult result, Check check) {
        assertThat(result.outcome())
                .as("%s (%s):%n%s", result.name(), check == null ? result.summary() : check.summary(), result.message())
                .isEqualTo(CheckResult.Outcome.PASSED);
    }
}
