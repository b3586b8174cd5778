package io.cocsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks against the server jar and writes the results table; bench/run.sh is the
 * documented way to call it. Arguments: the server jar, a scratch directory, the results file,
 * then optionally {@code --smoke} for tiny sizes and the names of the benchmarks to run (all when
 * none is named: startup, api, ingest, memory).
 */
public final class BenchMain {

    private interface Benchmark {
        void run(Suite suite) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("startup", StartupBench::run);
        BENCHMARKS.put("api", ApiOverheadBench::run);
        BENCHMARKS.put("ingest", IngestBench::run);
        BENCHMARKS.put("memory", MemoryAndPagingBench::run);
    }

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BenchMain <server jar> <scratch dir> <results.md> [--smoke] [benchmark...]");
            System.exit(2);
        }
        List<String> options = new ArrayList<>(List.of(args).subList(3, args.length));
        boolean smoke = options.remove("--smoke");
        Set<String> chosen = options.isEmpty() ? BENCHMARKS.keySet() : new LinkedHashSet<>(options);
        Suite suite = run(Path.of(args[0]), Path.of(args[1]), smoke, chosen);
        String command = ("bench/run.sh " + String.join(" ", List.of(args).subList(3, args.length))).trim();
        suite.report().write(Path.of(args[2]), command, suite.sizes().mode());
        System.out.println("results written to " + args[2]);
    }

    /** Every benchmark's name, in the order a full run takes them. */
    static Set<String> names() {
        return BENCHMARKS.keySet();
    }

    /**
     * Runs the {@code chosen} benchmarks in order; fails when one reports no figures, so that a
     * smoke run proves each of them still measures something. Returns the suite with the report.
     */
    static Suite run(Path jar, Path scratch, boolean smoke, Set<String> chosen) throws Exception {
        Suite suite = new Suite(jar, Files.createDirectories(scratch), smoke ? Suite.Sizes.smoke() : Suite.Sizes.full(),
                new Report());
        for (String name : chosen) {
            Benchmark benchmark = BENCHMARKS.get(name);
            if (benchmark == null) {
                throw new IllegalArgumentException("no benchmark " + name + "; there are " + BENCHMARKS.keySet());
            }
            int reported = suite.report().rows().size();
            long started = System.nanoTime();
            benchmark.run(suite);
            if (suite.report().rows().size() == reported) {
                throw new IllegalStateException("the " + name + " benchmark reported no figures");
            }
            // what a smoke run spends where, for keeping it short
            System.out.printf(Locale.ROOT, "%s took %.1f s%n", name, (System.nanoTime() - started) / 1e9);
        }
        return suite;
    }
}
