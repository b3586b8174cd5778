package io.cocsync.conformance.report;

import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.CheckResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A finished run, as both reports present it.
 *
 * @param target the base URL checked
 * @param mode read-only or full
 * @param prefix the prefix of the run's accounts
 */
public record RunSummary(String target, String mode, String prefix, Instant started, List<CheckResult> results) {

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public boolean passed() {
        return count(Outcome.FAILED) == 0;
    }

    public Duration duration() {
        return results.stream().map(CheckResult::duration).reduce(Duration.ZERO, Duration::plus);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }
}
