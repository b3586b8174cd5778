package io.cocsync.contract.support;

import io.cocsync.conformance.http.RecordedExchange;
import io.cocsync.conformance.spec.SpecContract;
import io.cocsync.conformance.spec.SpecContract.OperationStatus;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The (operationId, status) pairs seen across every test class of the run, and the one list of
 * documented outcomes that no test can trigger yet.
 */
public final class Coverage {

    /**
     * Documented statuses that no test can trigger, for every operation, with the reason. This is
     * the only place such exceptions are granted.
     */
    public static final Map<Integer, String> NOT_TRIGGERABLE = Map.of(
            500, "an unexpected server error (COC.00010500) cannot be triggered by a client");

    private static final Set<OperationStatus> SEEN = new ConcurrentSkipListSet<>();
    /** "operationId: where name", e.g. "SyncMultiCloudResource: request seed", "ListVendorAccount: 200 one_account". */
    private static final Set<String> EXAMPLES_EXERCISED = new ConcurrentSkipListSet<>();

    private Coverage() {
    }

    static void seen(String operationId, int status) {
        SEEN.add(new OperationStatus(operationId, status));
    }

    /** Notes the (operationId, status) pair of an exchange, when the spec has an operation for it. */
    public static void record(RecordedExchange exchange) {
        SpecContract.get().operationId(exchange.method(), exchange.uri().getRawPath())
                .ifPresent(operationId -> seen(operationId, exchange.status()));
    }

    /** A spec example was played against the server, or checked against its schema, and passed. */
    public static void exampleExercised(String operationId, String where) {
        EXAMPLES_EXERCISED.add(operationId + ": " + where);
    }

    public static Set<String> examplesExercised() {
        return new TreeSet<>(EXAMPLES_EXERCISED);
    }

    public static Set<OperationStatus> seen() {
        return new TreeSet<>(SEEN);
    }

    /** Documented pairs that a test can trigger. */
    public static Set<OperationStatus> required() {
        Set<OperationStatus> required = new TreeSet<>();
        for (OperationStatus pair : SpecContract.get().documentedPairs()) {
            if (!NOT_TRIGGERABLE.containsKey(pair.status())) {
                required.add(pair);
            }
        }
        return required;
    }
}
