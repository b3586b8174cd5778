package io.cocsync.conformance.run;

import io.cocsync.conformance.checks.Check;
import java.time.Duration;

/**
 * What one check found.
 *
 * @param message why it failed or was skipped; null when it passed
 * @param exchanges how many HTTP exchanges it made
 */
public record CheckResult(String name, String subject, String summary, Outcome outcome, String message,
        Duration duration, int exchanges) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    static CheckResult of(Check check, Outcome outcome, String message, Duration duration, int exchanges) {
        return new CheckResult(check.name(), check.subject(), check.summary(), outcome, message, duration, exchanges);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** The first line of the message, for one-line reports. */
    public String headline() {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
