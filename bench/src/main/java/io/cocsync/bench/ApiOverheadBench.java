package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
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
    private static final String HEALTH = "GET /health/live";
    private static final String LIST = "ListVendorAccount (limit=10)";
    private static final String SYNC_MANY = "SyncMultiCloudResource, many accounts";
    private static final String SYNC_ONE = "SyncMultiCloudResource, one account";

    private ApiOverheadBench() {}

    /** The figures of one endpoint over the rounds. */
    private record Series(double[] throughput, double[] p50, double[] p99, double[] newTaskShare) {
        Series(int rounds) {
            this(new double[rounds], new double[rounds], new double[rounds], new double[rounds]);
        }
    }

    static void run(Suite suite) throws InterruptedException {
        Suite.Sizes sizes = suite.sizes();
        int accounts = sizes.apiAccounts();
        // every sync runs for real against a one-resource inventory: the background work is part of the cost
        try (OtherInventoryStub stub = new OtherInventoryStub(new Fleet(List.of("dc-1"), 1, 1));
                ServerProcess server = ServerProcess.start(suite.jar(), suite.dir("api"), List.of())) {
            Api api = new Api(server);
            server.startupTime(api, Duration.ofSeconds(60));
            for (int i = 0; i < accounts; i++) {
                api.registerAccount("OTHER", account(i), stub.accessKey(), stub.secretKey(), stub.endpoint(),
                        List.of());
            }
            api.registerAccount("OTHER", "drain", stub.accessKey(), stub.secretKey(), stub.endpoint(), List.of());
            Map<String, Function<Long, HttpRequest>> endpoints = new LinkedHashMap<>();
            endpoints.put(HEALTH, n -> api.get("/health/live"));
            endpoints.put(LIST, n -> api.get("/v1/vendor-account?limit=10"));
            endpoints.put(SYNC_MANY, n -> api.syncRequest("OTHER", account((int) (n % accounts))));
            endpoints.put(SYNC_ONE, n -> api.syncRequest("OTHER", account(0)));

            LoadGenerator load = new LoadGenerator(api.http(), CONNECTIONS);
            for (var endpoint : endpoints.entrySet()) {
                load.run(sizes.warmup(), endpoint.getValue(), null);
                drainSyncQueue(api);
            }
            int rounds = sizes.repeats();
            Map<String, Series> series = new LinkedHashMap<>();
            endpoints.keySet().forEach(name -> series.put(name, new Series(rounds)));
            for (int round = 0; round < rounds; round++) {
                for (var endpoint : endpoints.entrySet()) {
                    boolean isSync = endpoint.getKey().startsWith("Sync");
                    LoadGenerator.Result result = load.run(sizes.loadPhase(), endpoint.getValue(),
                            isSync ? ApiOverheadBench::taskIdOf : null);
                    Series s = series.get(endpoint.getKey());
                    s.throughput()[round] = result.throughput();
                    s.p50()[round] = result.latencies().percentileMs(50);
                    s.p99()[round] = result.latencies().percentileMs(99);
                    s.newTaskShare()[round] = result.kept().isEmpty() ? 0
                            : (double) new HashSet<>(result.kept()).size() / result.kept().size();
                    if (result.errors() > 0) {
                        throw new IllegalStateException(endpoint.getKey() + ": " + result.errors() + " errors");
                    }
                    drainSyncQueue(api);
                }
            }
            double health = Suite.median(series.get(HEALTH).throughput());
            report(suite, LIST, series.get(LIST), health, 0.6, false);
            report(suite, SYNC_MANY, series.get(SYNC_MANY), health, 0.5, true);
            report(suite, SYNC_ONE, series.get(SYNC_ONE), health, 0.5, true);
            suite.report().note("API overhead: the server jar with default options and embedded H2; a closed-loop"
                    + " load of " + CONNECTIONS + " connections (JDK HttpClient, HTTP/1.1 keep-alive, `X-Auth-Token`)"
                    + " from the harness JVM on the same 2 cores. Each endpoint runs " + sizes.warmup().toMillis()
                    + " ms to warm up, then " + rounds + " rounds of " + sizes.loadPhase().toMillis()
                    + " ms each, the endpoints taking turns; figures are medians over the rounds, ratios divide"
                    + " the median throughputs by /health/live's (" + fmt(health) + " req/s). '" + SYNC_MANY
                    + "' goes round-robin over " + accounts + " OTHER accounts whose stub serves one resource,"
                    + " so most requests persist a new task that then runs (the share of new task ids is shown);"
                    + " '" + SYNC_ONE + "' repeats one account, so the duplicate rule answers most requests with"
                    + " the waiting task. After every sync phase the queue is drained before the next phase.");
        }
    }

    private static void report(Suite suite, String name, Series s, double health, double ratioTarget,
            boolean showsNewTasks) {
        double throughput = Suite.median(s.throughput());
        double p99 = Suite.median(s.p99());
        double ratio = throughput / health;
        String figures = fmt(throughput) + " req/s vs " + fmt(health) + " req/s; p50 " + fmt(Suite.median(s.p50()))
                + " ms, p99 " + fmt(p99) + " ms"
                + (showsNewTasks ? "; " + fmt(100 * Suite.median(s.newTaskShare())) + "% new tasks" : "");
        suite.report().add(new Report.Row(name + " / health, " + CONNECTIONS + " connections", figures,
                "≥ " + ratioTarget + "×, p99 ≤ 20 ms", fmt(ratio) + "×, p99 " + fmt(p99) + " ms",
                ratio >= ratioTarget && p99 <= 20));
    }

    private static String account(int i) {
        return String.format("bench-%05d", i);
    }

    /** The sync queue is FIFO: once a task requested now has ended, the ones before it have started. */
    private static void drainSyncQueue(Api api) throws InterruptedException {
        api.awaitTask(api.requestSync("OTHER", "drain"), Duration.ofMinutes(10));
    }

    /** The task id of a sync answer {@code {"data":"<id>"}}, cheaply: the generator shares the server's cores. */
    private static String taskIdOf(String body) {
        int start = body.indexOf("\"data\":\"") + 8;
        return start < 8 ? "" : body.substring(start, body.indexOf('"', start));
    }
}
