package io.cocsync.contract.support;

import io.cocsync.conformance.http.RecordedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Collects the exchanges of the running test. The tests of this module run one at a time (JUnit's
 * default), so one process-wide list is enough; {@link ContractValidationExtension} drains it after
 * every test and after every test class.
 *
 * <p>Marking a request as deliberately invalid is scoped to the calling thread: the JDK
 * {@link java.net.http.HttpClient#send} runs on the caller's thread, which is where the recorder
 * reads the mark.
 */
public final class ExchangeRecorder {

    private static final List<RecordedExchange> EXCHANGES = new ArrayList<>();
    private static final ThreadLocal<Boolean> DELIBERATELY_INVALID = ThreadLocal.withInitial(() -> false);

    private ExchangeRecorder() {
    }

    static void record(RecordedExchange exchange) {
        synchronized (EXCHANGES) {
            EXCHANGES.add(exchange);
        }
    }

    static boolean currentRequestIsDeliberatelyInvalid() {
        return DELIBERATELY_INVALID.get();
    }

    /** Takes every exchange recorded since the last call. */
    public static List<RecordedExchange> drain() {
        synchronized (EXCHANGES) {
            List<RecordedExchange> drained = List.copyOf(EXCHANGES);
            EXCHANGES.clear();
            return drained;
        }
    }

    /** The exchanges recorded so far and not yet drained (the running test's), oldest first. */
    public static List<RecordedExchange> snapshot() {
        synchronized (EXCHANGES) {
            return List.copyOf(EXCHANGES);
        }
    }

    /**
     * Runs {@code action} with every request it sends marked as deliberately invalid: such
     * requests are not validated against the spec, their responses still are.
     */
    public static <T> T deliberatelyInvalid(Callable<T> action) throws Exception {
        boolean previous = DELIBERATELY_INVALID.get();
        DELIBERATELY_INVALID.set(true);
        try {
            return action.call();
        } finally {
            DELIBERATELY_INVALID.set(previous);
        }
    }
}
