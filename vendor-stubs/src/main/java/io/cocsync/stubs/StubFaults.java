package io.cocsync.stubs;

import java.time.Duration;
import java.util.Set;

/**
 * The faults a vendor stub injects, for tests, benchmarks and demos. Rates are probabilities per
 * request in [0, 1]; a failing region answers every request about it with a server error.
 *
 * @param throttleRate share of requests answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param serverErrorRate share answered 500
 * @param connectionResetRate share whose connection is reset without an answer
 * @param malformedRate share whose body is cut off in the middle
 * @param timeoutRate share whose answer is held back for {@code slowness} before anything is sent (a vendor
 *     that times out, when {@code slowness} is longer than the caller waits)
 * @param slowBodyRate share whose headers come at once and whose body is dribbled in chunks over {@code slowness}
 * @param slowness how long a timed-out answer is held back, and how long a slow body takes
 * @param delay added before every answer (a slow vendor)
 * @param failingRegions regions that never answer successfully
 */
public record StubFaults(
        double throttleRate,
        int retryAfterSeconds,
        double serverErrorRate,
        double connectionResetRate,
        double malformedRate,
        double timeoutRate,
        double slowBodyRate,
        Duration slowness,
        Duration delay,
        Set<String> failingRegions) {

    public static final StubFaults NONE = new StubFaults(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Set.of());

    public StubFaults {
        for (double rate : new double[] {throttleRate, serverErrorRate, connectionResetRate, malformedRate,
                timeoutRate, slowBodyRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("a fault rate must be between 0 and 1, not " + rate);
            }
        }
        failingRegions = Set.copyOf(failingRegions);
    }

    public StubFaults withThrottling(double rate, int retryAfter) {
        return new StubFaults(rate, retryAfter, serverErrorRate, connectionResetRate, malformedRate, timeoutRate,
                slowBodyRate, slowness, delay, failingRegions);
    }

    public StubFaults withServerErrors(double rate) {
        return new StubFaults(throttleRate, retryAfterSeconds, rate, connectionResetRate, malformedRate, timeoutRate,
                slowBodyRate, slowness, delay, failingRegions);
    }

    public StubFaults withConnectionResets(double rate) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, rate, malformedRate, timeoutRate,
                slowBodyRate, slowness, delay, failingRegions);
    }

    public StubFaults withMalformedBodies(double rate) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, connectionResetRate, rate,
                timeoutRate, slowBodyRate, slowness, delay, failingRegions);
    }

    /** A share of answers held back for {@code holdBack} (and slow bodies, if any, spread over as long). */
    public StubFaults withTimeouts(double rate, Duration holdBack) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, connectionResetRate, malformedRate,
                rate, slowBodyRate, holdBack, delay, failingRegions);
    }

    /** A share of bodies dribbled over {@code spreadOver} (and timeouts, if any, held back as long). */
    public StubFaults withSlowBodies(double rate, Duration spreadOver) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, connectionResetRate, malformedRate,
                timeoutRate, rate, spreadOver, delay, failingRegions);
    }

    public StubFaults withDelay(Duration newDelay) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, connectionResetRate, malformedRate,
                timeoutRate, slowBodyRate, slowness, newDelay, failingRegions);
    }

    public StubFaults withFailingRegions(Set<String> regions) {
        return new StubFaults(throttleRate, retryAfterSeconds, serverErrorRate, connectionResetRate, malformedRate,
                timeoutRate, slowBodyRate, slowness, delay, regions);
    }
}
