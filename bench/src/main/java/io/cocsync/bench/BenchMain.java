package io.cocsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
            System.err.println("usage: BenchMain <server jar> <scratch dir> <results.md> [--smoke]");
            System.exit(2);
        }
        List<String> options = new ArrayList<>(List.of(args).subList(3, args.length));
        boolean smoke = options.remove("--smoke");
        Set<String> chosen = options.isEmpty() ? BENCHMARKS.keySet() : new LinkedHashSet<>(options);
        Suite suite = new Suite(Path.of(args[0]), Files.createDirectories(Path.of(args[1])),
                smoke ? Suite.Sizes.smoke() : Suite.Sizes.full(), new Report());
        for (String name : chosen) {
            Benchmark benchmark = BENCHMARKS.get(name);
            if (benchmark == null) {
                throw new IllegalArgumentException("no benchmark " + name + "; there are " + BENCHMARKS.keySet());
            }
            benchmark.run(suite);
        }
        String command = ("bench/run.sh " + String.join(" ", List.of(args).subList(3, args.length))).trim();
        suite.report().write(Path.of(args[2]), command, suite.sizes().mode());
        System.out.println("results written to " + args[2]);
    }
}
