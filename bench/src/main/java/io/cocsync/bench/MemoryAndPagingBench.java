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
    /**
     * Between live-heap samples. The live heap rises and falls with the pages in flight, so the
     * highest of a few samples is lower than the highest of hundreds: the small sync, over in
     * about a second, is sampled five times as often and run on {@link #SMALL_SYNCS} new accounts
     * in turn, to be caught at its peaks too.
     */
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration SMALL_SAMPLE_INTERVAL = Duration.ofMillis(100);
    private static final int SMALL_SYNCS = 5;

    private MemoryAndPagingBench() {}

    static void run(Suite suite) throws Exception {
        int small = suite.sizes().memorySmall();
        int large = suite.sizes().memoryLarge();
        GcLog smallHeap = syncUnderLimit(suite, small, SMALL_SYNCS, SMALL_SAMPLE_INTERVAL, null);
        GcLog largeHeap = syncUnderLimit(suite, large, 1, SAMPLE_INTERVAL, PagingBench::run);
        double ratio = largeHeap.peakLiveMib() / smallHeap.peakLiveMib();
        suite.report().add(new Report.Row("Memory: peak live heap syncing " + small + " vs " + large
                        + " resources, -Xmx256m",
                "peak live " + fmt(smallHeap.peakLiveMib()) + " vs " + fmt(largeHeap.peakLiveMib()) + " MiB (of "
                        + smallHeap.fullCollections() + " vs " + largeHeap.fullCollections()
                        + " samples); heap high-water (garbage included) " + fmt(smallHeap.maxBeforeGcMib()) + " vs "
                        + fmt(largeHeap.maxBeforeGcMib()) + " MiB",
                "≤ 1.3×, ≤ 256 MiB", fmt(ratio) + "×, " + fmt(largeHeap.peakLiveMib()) + " MiB",
                ratio <= 1.3 && largeHeap.peakLiveMib() <= 256));
        suite.report().note("Memory: each size is synced by its own server JVM started with `-Xmx256m"
                + " -Xlog:gc:file=gc.log` (G1, the default), from an AWS stub with " + REGIONS + " regions; both"
                + " syncs must succeed; the small size is synced on " + SMALL_SYNCS + " new accounts in turn, each"
                + " a first sync of " + small + ". From the first sync request to the last task's end the harness"
                + " has the server run a full collection (`jcmd <pid> GC.run`) every "
                + SMALL_SAMPLE_INTERVAL.toMillis() + " ms (small) or " + SAMPLE_INTERVAL.toMillis() + " ms (large);"
                + " the heap"
                + " left after each is what the process kept live at that moment, and the ratio compares the"
                + " highest of these. (The occupancy after G1's young, Remark and Cleanup pauses is not used:"
                + " it includes old garbage that no marking cycle has reclaimed yet, and grows with the run's"
                + " length, not with what the sync holds.) The high-water mark before any collection is shown"
                + " too; it tells how far G1 let garbage grow under the limit.");
    }

    /** What to do with the server and its data once the sync ended, while it still runs. */
    interface AfterSync {
        void accept(Suite suite, Api api, int size) throws Exception;
    }

    /** @param syncs how many accounts of {@code size} resources are synced, one after the other */
    private static GcLog syncUnderLimit(Suite suite, int size, int syncs, Duration sampleInterval, AfterSync after)
            throws Exception {
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
            for (int i = 0; i < syncs; i++) {
                api.registerAccount("AWS", "bench-memory-" + i, stub.accessKey(), stub.secretKey(), stub.endpoint(),
                        regions);
            }
            LiveHeapSampler sampler = LiveHeapSampler.start(server.pid(), sampleInterval);
            try {
                for (int i = 0; i < syncs; i++) {
                    IngestBench.syncRate(api, "bench-memory-" + i, size);
                }
            } finally {
                sampler.stop();
            }
            GcLog heap = GcLog.read(dir.resolve("gc.log"));
            if (after != null) {
                after.accept(suite, api, size);
            }
            return heap;
        }
    }
}
