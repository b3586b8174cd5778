package io.cocsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * What every benchmark needs: the server jar, a scratch directory, the sizes of this run and the
 * report. The smoke sizes run in seconds, so {@code mvn verify} runs the whole suite (SmokeSuiteIT)
 * and it cannot rot.
 */
record Suite(Path jar, Path work, Sizes sizes, Report report) {

    record Sizes(String mode, int ingestResources, int memorySmall, int memoryLarge, int apiAccounts,
            Duration warmup, Duration loadPhase, int repeats, int pagingSamples) {

        static Sizes full() {
            return new Sizes("full", 100_000, 10_000, 1_000_000, 6_000, Duration.ofSeconds(3),
                    Duration.ofSeconds(5), 3, 200);
        }

        static Sizes smoke() {
            return new Sizes("smoke: tiny sizes, figures not meaningful", 1_000, 500, 5_000, 20,
                    Duration.ofMillis(200), Duration.ofMillis(500), 1, 10);
        }
    }

    Path dir(String name) {
        return work.resolve(name);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
