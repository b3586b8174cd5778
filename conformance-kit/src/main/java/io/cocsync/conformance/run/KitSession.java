package io.cocsync.conformance.run;

import io.cocsync.conformance.checks.Check;
import io.cocsync.conformance.checks.CheckContext;
import io.cocsync.conformance.checks.FullChecks;
import io.cocsync.conformance.checks.KitAccounts;
import io.cocsync.conformance.checks.Mode;
import io.cocsync.conformance.checks.ReadOnlyChecks;
import io.cocsync.conformance.http.ApiTarget;
import io.cocsync.conformance.http.RecordedExchange;
import io.cocsync.conformance.inventory.LocalInventory;
import io.cocsync.conformance.run.CheckResult.Outcome;
import io.cocsync.conformance.spec.SpecContract;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One run of the kit against one deployment: it runs checks one at a time, validates every
 * exchange a check made against the spec (a violation fails the check that made it), and in full
 * mode owns the kit's inventory and deletes the run's accounts in {@link #cleanUp()}.
 */
public final class KitSession implements AutoCloseable {

    /** The name the clean-up of a full run reports under. */
    public static final String CLEAN_UP = "Kit.cleanUp";

    private final KitSettings settings;
    private final ApiTarget api;
    private final LocalInventory inventory;
    private final KitAccounts accounts;
    private final CheckContext context;
    private final Consumer<RecordedExchange> observer;

    private KitSession(KitSettings settings, HttpClient http, Consumer<RecordedExchange> observer) {
        settings.requireReachableInventory();
        this.settings = settings;
        this.observer = observer;
        this.api = new ApiTarget(settings.baseUri(), http, settings.credentials(), settings.requestTimeout());
        this.inventory = settings.mode() == Mode.FULL ? LocalInventory.start(settings.inventoryBind(), settings.inventoryUrl()) : null;
        this.accounts = inventory == null ? null : new KitAccounts(api, inventory, settings.syncTimeout(), settings.prefix());
        this.context = new CheckContext(api, accounts, settings.syncTimeout(), settings.prefix());
    }

    /**
     * Opens a session; {@code observer} sees every exchange after its check (contract-tests note
     * the spec coverage with it).
     *
     * @throws IllegalArgumentException when the settings cannot work (see {@link KitSettings})
     */
    public static KitSession open(KitSettings settings, HttpClient http, Consumer<RecordedExchange> observer) {
        return new KitSession(settings, http, observer);
    }

    public KitSettings settings() {
        return settings;
    }

    /**
     * The checks of the session's mode. A full run makes its writes first, so that the read-only
     * checks that compare pages and filters then find the kit's own accounts and resources even
     * on an empty deployment.
     */
    public List<Check> checks() {
        return Stream.concat(FullChecks.all().stream(), ReadOnlyChecks.all().stream())
                .filter(check -> settings.mode().runs(check.mode()))
                .toList();
    }

    /** Runs every check, then the clean-up (in full mode), whatever the checks did. */
    public List<CheckResult> runAll(Consumer<CheckResult> progress) {
        List<CheckResult> results = new ArrayList<>();
        try {
            for (Check check : checks()) {
                CheckResult result = run(check);
                results.add(result);
                progress.accept(result);
            }
        } finally {
            if (accounts != null) {
                CheckResult cleanUp = cleanUp();
                results.add(cleanUp);
                progress.accept(cleanUp);
            }
        }
        return results;
    }

    /** Runs one check and validates the exchanges it made. */
    public CheckResult run(Check check) {
        observe(api.drain());
        long start = System.nanoTime();
        Outcome outcome = Outcome.PASSED;
        String message = null;
        try {
            check.body().run(context);
        } catch (Check.Skipped skipped) {
            outcome = Outcome.SKIPPED;
            message = skipped.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.FAILED;
            message = "interrupted";
        } catch (AssertionError | Exception e) {
            outcome = Outcome.FAILED;
            message = describe(e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        List<RecordedExchange> exchanges = api.drain();
        observe(exchanges);
        List<String> violations = violations(exchanges);
        if (!violations.isEmpty()) {
            String found = violations.size() + " exchange(s) do not conform to the spec:\n" + String.join("\n", violations);
            message = outcome == Outcome.FAILED ? message + "\n" + found : found;
            outcome = Outcome.FAILED;
        }
        return CheckResult.of(check, outcome, message, duration, exchanges.size());
    }

    /** Deletes the run's accounts (full mode); fails when any is left. */
    public CheckResult cleanUp() {
        return run(new Check(CLEAN_UP, Mode.FULL, "every account the run registered is deleted",
                ignored -> accounts.cleanUp()));
    }

    private void observe(List<RecordedExchange> exchanges) {
        exchanges.forEach(observer);
    }

    private static List<String> violations(List<RecordedExchange> exchanges) {
        List<String> violations = new ArrayList<>();
        for (RecordedExchange exchange : exchanges) {
            List<String> problems = SpecContract.get().problems(exchange);
            if (!problems.isEmpty()) {
                violations.add(exchange.describe() + "\n  violates the spec:\n    - " + String.join("\n    - ", problems));
            }
        }
        return violations;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure instanceof AssertionError && message != null
                ? message.strip()
                : failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        return failure.getCause() != null && failure.getCause() != failure && !(failure instanceof AssertionError)
                ? text + " (caused by " + failure.getCause() + ")" : text;
    }

    @Override
    public void close() {
        if (inventory != null) {
            inventory.close();
        }
    }
}
