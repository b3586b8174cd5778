package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import java.time.Duration;
import java.util.List;

/** Target 5: time from the process start to the first successful API answer, on a new data directory. */
final class StartupBench {

    private StartupBench() {}

    static void run(Suite suite) throws InterruptedException {
        int repeats = suite.sizes().repeats();
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            try (ServerProcess server = ServerProcess.start(suite.jar(), suite.dir("startup-" + i), List.of())) {
                millis[i] = server.startupTime(new Api(server), Duration.ofSeconds(60)).toNanos() / 1e6;
            }
        }
        double median = Suite.median(millis);
        suite.report().add(new Report.Row("Start-up: process start to first ListVendorAccount 200",
                "median " + fmt(median) + " ms (best " + fmt(Suite.min(millis)) + " ms) of " + repeats,
                "≤ 2000 ms", fmt(median) + " ms", median <= 2000));
        suite.report().note("Start-up: `java -jar coc-multicloud-sync.jar --port P --data-dir D` on a new data"
                + " directory (migrations run; a token was issued into it beforehand with `issue-token`), default"
                + " JVM options; the clock runs from `ProcessBuilder.start()` to the first 200 of"
                + " `GET /v1/vendor-account?limit=1` with `X-Auth-Token`, polled every 5 ms.");
    }
}
