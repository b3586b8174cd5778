package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Target 3: the server's heap while it syncs a small and a large AWS account, each in its own
 * JVM with {@code -Xmx256m}; then target 4 on the large server, whose storage now holds the large account.
 */
final class MemoryAndPagingBench {

    private static final int REGIONS = 10;

    private MemoryAndPagingBench() {}

    static void run(Suite suite) throws Exception {
        int small = suite.sizes().memorySmall();
        int large = suite.sizes().memoryLarge();
        GcLog smallHeap = syncUnderLimit(suite, small, null);
        GcLog largeHeap = syncUnderLimit(suite, large, PagingBench::run);
        double ratio = largeHeap.maxLiveMib() / smallHeap.maxLiveMib();
        suite.report().add(new Report.Row("Memory: heap syncing " + small + " vs " + large
                        + " resources, -Xmx256m",
                "most live after GC " + fmt(smallHeap.maxLiveMib()) + " vs " + fmt(largeHeap.maxLiveMib())
                        + " MiB; heap high-water (garbage included) " + fmt(smallHeap.maxBeforeGcMib()) + " vs "
                        + fmt(largeHeap.maxBeforeGcMib()) + " MiB",
                "≤ 1.3×, ≤ 256 MiB", fmt(ratio) + "×, " + fmt(largeHeap.maxBeforeGcMib()) + " MiB",
                ratio <= 1.3 && largeHeap.maxBeforeGcMib() <= 256));
        suite.report().note("Memory: each size is synced by its own server JVM started with `-Xmx256m"
                + " -Xlog:gc:file=gc.log` (G1, the default), from an AWS stub with " + REGIONS + " regions; both"
                + " syncs must succeed. The ratio compares the most heap the process kept live (the highest"
                + " occupancy after any GC pause, start-up included); the high-water mark before GC is shown too,"
                + " but it mostly tells how far G1 let garbage grow before collecting, which depends on the run's"
                + " length rather than on what the sync holds.");
    }

    /** What to do with the server and its data once the sync ended, while it still runs. */
    interface AfterSync {
        void accept(Suite suite, Api api, int size) throws Exception;
    }

    private static GcLog syncUnderLimit(Suite suite, int size, AfterSync after) throws Exception {
        Path dir = suite.dir("memory-" + size);
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < REGIONS; i++) {
            regions.add("bench-r" + i);
        }
        try (AwsEc2Stub stub = new AwsEc2Stub(new Fleet(regions, size / REGIONS, 1));
                ServerProcess server = ServerProcess.start(suite.jar(), dir,
                        List.of("-Xmx256m", "-Xlog:gc:file=" + dir.resolve("gc.log")))) {
            Api api = new Api(server);
            server.startupTime(api, Duration.ofSeconds(60));
            api.registerAccount("AWS", "bench-memory", stub.accessKey(), stub.secretKey(), stub.endpoint(),
                    regions);
            IngestBench.syncRate(api, "bench-memory", size);
            GcLog heap = GcLog.read(dir.resolve("gc.log"));
            if (after != null) {
                after.accept(suite, api, size);
            }
            return heap;
        }
    }
}
