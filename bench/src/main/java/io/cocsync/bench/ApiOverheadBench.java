package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Target 1: throughput and latency of SyncMultiCloudResource and ListVendorAccount under 32
 * connections, each as a ratio to the trivial /health/live on the same server under the same load.
 */
final class ApiOverheadBench {

    static final int CONNECTIONS = 32;
    /**
     * How long the accounts' vendor takes to answer while a sync phase is measured: about what a
     * cloud API takes to list a small inventory. A vendor that answers at once turns every
     * request after a sync ends into another full sync, hundreds per second on the same two
     * cores; that load is shown in a row of its own, beside the targets.
     */
    private static final Duration VENDOR_LATENCY = Duration.ofMillis(200);
    private static final String HEALTH = "GET /health/live";
    private static final String LIST = "ListVendorAccount (limit=10)";
    private static final String SYNC_MANY = "SyncMultiCloudResource, many accounts";
    private static final String SYNC_MANY_BUSY = "SyncMultiCloudResource, many accounts, vendor answering at once";
    private static final String SYNC_ONE = "SyncMultiCloudResource, one account";

    private ApiOverheadBench() {}

    /** One endpoint under load, and how long the vendor takes to answer the syncs it starts. */
    private record Phase(String name, Function<Long, HttpRequest> request, Duration vendorLatency) {}

    /** The figures of one endpoint over the rounds. */
    private record Series(double[] throughput, double[] p50, double[] p99, double[] newTaskShare) {
        Series(int rounds) {
            this(new double[rounds], new double[rounds], new double[rounds], new double[rounds]);
        }
    }

    static void run(Suite suite) throws InterruptedException {
        Suite.Sizes sizes = suite.sizes();
        int accounts = sizes.apiAccounts();
        // every sync runs for real against a one-resource inventory
        try (OtherInventoryStub stub = new OtherInventoryStub(new Fleet(List.of("dc-1"), 1, 1));
                ServerProcess server = ServerProcess.start(suite.jar(), suite.dir("api"), List.of())) {
            Api api = new Api(server);
            server.startupTime(api, Duration.ofSeconds(60));
            for (int i = 0; i < accounts; i++) {
                api.registerAccount("OTHER", account(i), stub.accessKey(), stub.secretKey(), stub.endpoint(),
                        List.of());
            }
            api.registerAccount("OTHER", "drain", stub.accessKey(), stub.secretKey(), stub.endpoint(), List.of());
            List<Phase> phases = List.of(
                    new Phase(HEALTH, n -> api.get("/health/live"), Duration.ZERO),
                    new Phase(LIST, n -> api.get("/v1/vendor-account?limit=10"), Duration.ZERO),
                    new Phase(SYNC_MANY, n -> api.syncRequest("OTHER", account((int) (n % accounts))),
                            VENDOR_LATENCY),
                    new Phase(SYNC_MANY_BUSY, n -> api.syncRequest("OTHER", account((int) (n % accounts))),
                            Duration.ZERO),
                    new Phase(SYNC_ONE, n -> api.syncRequest("OTHER", account(0)), VENDOR_LATENCY));

            LoadGenerator load = new LoadGenerator(api.http(), CONNECTIONS);
            for (Phase phase : phases) {
                stub.setFaults(StubFaults.NONE.withDelay(phase.vendorLatency()));
                load.run(sizes.warmup(), phase.request(), null);
                drainSyncQueue(api, stub);
            }
            int rounds = sizes.repeats();
            Map<String, Series> series = new LinkedHashMap<>();
            phases.forEach(phase -> series.put(phase.name(), new Series(rounds)));
            for (int round = 0; round < rounds; round++) {
                for (Phase phase : phases) {
                    boolean isSync = phase.name().startsWith("Sync");
                    stub.setFaults(StubFaults.NONE.withDelay(phase.vendorLatency()));
                    LoadGenerator.Result result = load.run(sizes.loadPhase(), phase.request(),
                            isSync ? ApiOverheadBench::taskIdOf : null);
                    Series s = series.get(phase.name());
                    s.throughput()[round] = result.throughput();
                    s.p50()[round] = result.latencies().percentileMs(50);
                    s.p99()[round] = result.latencies().percentileMs(99);
                    s.newTaskShare()[round] = result.kept().isEmpty() ? 0
                            : (double) new HashSet<>(result.kept()).size() / result.kept().size();
                    if (result.errors() > 0) {
                        throw new IllegalStateException(phase.name() + ": " + result.errors() + " errors");
                    }
                    drainSyncQueue(api, stub);
                }
            }
            double health = Suite.median(series.get(HEALTH).throughput());
            report(suite, LIST, series.get(LIST), health, 0.6, false);
            report(suite, SYNC_MANY, series.get(SYNC_MANY), health, 0.5, true);
            report(suite, SYNC_ONE, series.get(SYNC_ONE), health, 0.5, true);
            report(suite, SYNC_MANY_BUSY, series.get(SYNC_MANY_BUSY), health, null, true);
            suite.report().note("API overhead: the server jar with default options and embedded H2; a closed-loop"
                    + " load of " + CONNECTIONS + " connections (JDK HttpClient, HTTP/1.1 keep-alive, `X-Auth-Token`)"
                    + " from the harness JVM on the same 2 cores. Each endpoint runs " + sizes.warmup().toMillis()
                    + " ms to warm up, then " + rounds + " rounds of " + sizes.loadPhase().toMillis()
                    + " ms each, the endpoints taking turns; figures are medians over the rounds, ratios divide"
                    + " the median throughputs by /health/live's (" + fmt(health) + " req/s). Every sync request"
                    + " persists a task (or finds the account's waiting one) and every task runs for real against"
                    + " an OTHER inventory stub serving one resource, which answers after "
                    + VENDOR_LATENCY.toMillis() + " ms, about what a cloud API takes. '" + SYNC_MANY
                    + "' goes round-robin over " + accounts + " accounts, so each round persists a new task for"
                    + " every account, and the rest of its requests meet the duplicate rule on many accounts (the"
                    + " share of new task ids is shown); '" + SYNC_ONE + "' repeats one account. '" + SYNC_MANY_BUSY
                    + "' is the same load with a vendor that answers at once: each account's sync ends within"
                    + " milliseconds and its next request starts another, so the server also runs hundreds of"
                    + " whole syncs per second on the same cores; it shows what those cost the API, and is not one"
                    + " of the targets. After every sync phase the vendor answers at once and the queue is drained"
                    + " before the next phase.");
        }
    }

    /** @param ratioTarget null for a figure shown beside the targets */
    private static void report(Suite suite, String name, Series s, double health, Double ratioTarget,
            boolean showsNewTasks) {
        double throughput = Suite.median(s.throughput());
        double p99 = Suite.median(s.p99());
        double ratio = throughput / health;
        String figures = fmt(throughput) + " req/s vs " + fmt(health) + " req/s; p50 " + fmt(Suite.median(s.p50()))
                + " ms, p99 " + fmt(p99) + " ms"
                + (showsNewTasks ? "; " + fmt(100 * Suite.median(s.newTaskShare())) + "% new tasks" : "");
        suite.report().add(new Report.Row(name + " / health, " + CONNECTIONS + " connections", figures,
                ratioTarget == null ? "none: shows the cost of the syncs it starts" : "≥ " + ratioTarget
                        + "×, p99 ≤ 20 ms",
                fmt(ratio) + "×, p99 " + fmt(p99) + " ms",
                ratioTarget == null ? null : ratio >= ratioTarget && p99 <= 20));
    }

    private static String account(int i) {
        return String.format("bench-%05d", i);
    }

    /**
     * Has the vendor answer at once and waits until the queue is empty. The queue is FIFO: once
     * a task requested now has ended, the ones before it have started (and end within the
     * latency of the phase that asked for them).
     */
    private static void drainSyncQueue(Api api, OtherInventoryStub stub) throws InterruptedException {
        stub.setFaults(StubFaults.NONE);
        api.awaitTask(api.requestSync("OTHER", "drain"), Duration.ofMinutes(10));
    }

    /** The task id of a sync answer {@code {"data":"<id>"}}, cheaply: the generator shares the server's cores. */
    private static String taskIdOf(String body) {
        int start = body.indexOf("\"data\":\"") + 8;
        return start < 8 ? "" : body.substring(start, body.indexOf('"', start));
    }
}
