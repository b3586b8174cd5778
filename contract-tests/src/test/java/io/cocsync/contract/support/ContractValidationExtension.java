package io.cocsync.contract.support;

import io.cocsync.conformance.http.RecordedExchange;
import io.cocsync.conformance.spec.SpecContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Validates every exchange a test made (and those made in {@code @BeforeAll}/{@code @AfterAll})
 * against the spec, records its (operationId, status) pair for {@link Coverage}, and fails the
 * test that made a non-conforming exchange, listing each problem with the exchange.
 */
public final class ContractValidationExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        validate(ExchangeRecorder.drain());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        validate(ExchangeRecorder.drain());
    }

    /** Validates the given exchanges and throws an {@link AssertionError} describing every problem. */
    public static void validate(List<RecordedExchange> exchanges) {
        SpecContract spec = SpecContract.get();
        List<String> failures = new ArrayList<>();
        for (RecordedExchange exchange : exchanges) {
            Coverage.record(exchange);
            List<String> problems = spec.problems(exchange);
            if (!problems.isEmpty()) {
                failures.add(exchange.describe() + "\n  violates the spec:\n    - " + String.join("\n    - ", problems));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " exchange(s) do not conform to "
                    + SpecContract.SPEC_RESOURCE + ":\n" + String.join("\n", failures));
        }
    }
}
