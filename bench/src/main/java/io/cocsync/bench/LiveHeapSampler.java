package io.cocsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures what a server process really keeps live while it works: a full collection
 * ({@code jcmd <pid> GC.run}) at a fixed interval, whose "after" figures {@link GcLog} reads from the
 * process's GC log. Young and concurrent-cycle pauses cannot tell this: they leave old garbage in
 * place, so their figures grow with how long G1 waits before marking, not with what is live.
 */
final class LiveHeapSampler {

    private final Thread thread;
    private volatile boolean stopped;

    private LiveHeapSampler(long pid, Duration interval) {
        thread = new Thread(() -> sampleUntilStopped(pid, interval), "live-heap-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling at once, then every {@code interval} after the previous collection ended. */
    static LiveHeapSampler start(long pid, Duration interval) {
        LiveHeapSampler sampler = new LiveHeapSampler(pid, interval);
        sampler.thread.start();
        return sampler;
    }

    private void sampleUntilStopped(long pid, Duration interval) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            while (!stopped) {
                // jcmd returns once the collection is over
                new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        }
    }

    /** Stops sampling and waits until the sampling thread has ended. */
    void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }
}
