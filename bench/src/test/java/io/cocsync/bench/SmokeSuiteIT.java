package io.cocsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole suite at its smoke sizes against the server jar this build made, as
 * {@code bench/run.sh --smoke} runs it: part of {@code mvn verify}, so a benchmark that no longer
 * builds, starts or measures fails the build. The figures themselves mean nothing at these sizes.
 */
class SmokeSuiteIT {

    @Test
    void everyBenchmarkRunsAtTinySizesAndReportsItsFigures() throws Exception {
        Path jar = Path.of(System.getProperty("bench.server.jar"));
        assertThat(jar).as("the server jar that impl's package phase makes").isRegularFile();
        Path target = Path.of(System.getProperty("bench.target.dir"));

        // run() itself fails when any benchmark reports no row
        Suite suite = BenchMain.run(jar, target.resolve("smoke-scratch"), true, BenchMain.names());
        Path results = target.resolve("RESULTS-smoke.md");
        suite.report().write(results, "mvn verify (SmokeSuiteIT)", suite.sizes().mode());

        assertThat(suite.report().rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.figures()).as(row.benchmark()).doesNotContain("NaN");
            assertThat(row.ratio()).as(row.benchmark()).doesNotContain("NaN");
        });
        assertThat(Files.readString(results)).contains("| benchmark | measured | target |");
    }
}
