package io.cocsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs every benchmark against the server jar and writes the results table; bench/run.sh is the
 * documented way to call it. Arguments: the server jar, a scratch directory, the results file,
 * and optionally {@code --smoke} for tiny sizes.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BenchMain <server jar> <scratch dir> <results.md> [--smoke]");
            System.exit(2);
        }
        boolean smoke = args.length > 3 && args[3].equals("--smoke");
        Suite suite = new Suite(Path.of(args[0]), Files.createDirectories(Path.of(args[1])),
                smoke ? Suite.Sizes.smoke() : Suite.Sizes.full(), new Report());
        StartupBench.run(suite);
        ApiOverheadBench.run(suite);
        IngestBench.run(suite);
        MemoryAndPagingBench.run(suite);
        suite.report().write(Path.of(args[2]), "bench/run.sh" + (smoke ? " --smoke" : ""), suite.sizes().mode());
        System.out.println("results written to " + args[2]);
    }
}
