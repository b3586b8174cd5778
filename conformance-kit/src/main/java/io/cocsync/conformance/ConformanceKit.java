package io.cocsync.conformance;

import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.conformance.checks.Mode;
import io.cocsync.conformance.report.JUnitXmlReport;
import io.cocsync.conformance.report.MarkdownReport;
import io.cocsync.conformance.report.RunSummary;
import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.KitSession;
import io.cocsync.conformance.run.KitSettings;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The kit's command line: {@code java -jar coc-conformance-kit.jar --base-url ... --ak ... --sk ...}. */
@Command(name = "coc-conformance-kit", mixinStandardHelpOptions = true, versionProvider = ConformanceKit.Version.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {
            "Checks a deployment of the COC multicloud resource-sync API against its spec: every operation",
            "answers as the spec says (schemas, status codes, error bodies, the request id header), and the",
            "behaviour the spec describes holds (paging, filters, sync tasks, refusals, deletes).",
            "",
            "Modes:",
            "  read-only  lists, counts and refusals of invalid input; writes nothing, so it is safe against",
            "             production. Checks that compare pages or filters use the data the deployment holds",
            "             and are skipped when it holds none.",
            "  full       also registers OTHER-vendor accounts of its own (account_id and account_name start",
            "             with --prefix), syncs them from an inventory the kit serves itself, updates and",
            "             deletes them, and deletes every account of the run at the end, even after a failure.",
            "             The kit's inventory listens on --inventory-bind; a deployment on another machine",
            "             needs --inventory-url, the URL under which it reaches that address.",
            ""},
        footer = {
            "",
            "Exit codes: 0 every check passed (skipped ones included); 1 a check failed (the reports and the",
            "console name it); 2 the command line is wrong or the kit could not start.",
            "Reports: a JUnit XML file (--junit-xml) and a Markdown summary (--markdown), written every run."})
public final class ConformanceKit implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "The deployment to check, scheme://host[:port] (the API's paths start at /v1).")
    URI baseUrl;

    @Option(names = "--ak", paramLabel = "AK", description = "The access key to sign requests with (SDK-HMAC-SHA256); needs --sk.")
    String ak;

    @Option(names = "--sk", paramLabel = "SK", description = "The secret key of --ak.")
    String sk;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A token sent in X-Auth-Token, instead of --ak/--sk.")
    String token;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "read-only",
            description = "read-only (the default) or full.")
    String mode;

    @Option(names = "--junit-xml", paramLabel = "FILE", defaultValue = "conformance-report.xml",
            description = "Where the JUnit XML report goes (default: ${DEFAULT-VALUE} in the working directory).")
    Path junitXml;

    @Option(names = "--markdown", paramLabel = "FILE", defaultValue = "conformance-report.md",
            description = "Where the Markdown summary goes (default: ${DEFAULT-VALUE} in the working directory).")
    Path markdown;

    @Option(names = "--prefix", paramLabel = "TEXT",
            description = "Full mode: the prefix of the run's account ids and names (default: cck- and 8 random hex digits).")
    String prefix;

    @Option(names = "--inventory-bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Full mode: where the kit's OTHER inventory listens (default ${DEFAULT-VALUE}: loopback, any free port).")
    String inventoryBind;

    @Option(names = "--inventory-url", paramLabel = "URL",
            description = "Full mode: the base URL under which the deployment reaches the kit's inventory; "
                    + "required when --base-url is not on this machine.")
    URI inventoryUrl;

    @Option(names = "--sync-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Full mode: how long a sync of the kit's few resources may take (default ${DEFAULT-VALUE}).")
    int syncTimeoutSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one request may take (default ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the kit as the command line would and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ConformanceKit());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // 1 is kept for failed checks: a kit that cannot run at all (no route, unwritable report) exits 2
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("coc-conformance-kit could not run: " + failure);
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        KitSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        Instant started = Instant.now();
        List<CheckResult> results;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(requestTimeoutSeconds)).build();
        try (KitSession session = open(settings, http)) {
            out.printf("Checking %s in %s mode%n", settings.baseUri(), settings.mode().flag());
            results = session.runAll(result -> out.println(line(result)));
        }
        RunSummary run = new RunSummary(settings.baseUri().toString(), settings.mode().flag(), settings.prefix(), started, results);
        JUnitXmlReport.write(run, junitXml);
        MarkdownReport.write(run, markdown);
        out.printf("%s: %d passed, %d failed, %d skipped. Reports: %s, %s%n", run.passed() ? "PASSED" : "FAILED",
                run.count(CheckResult.Outcome.PASSED), run.count(CheckResult.Outcome.FAILED),
                run.count(CheckResult.Outcome.SKIPPED), junitXml, markdown);
        return run.passed() ? 0 : 1;
    }

    private KitSession open(KitSettings settings, HttpClient http) {
        try {
            return KitSession.open(settings, http, exchange -> { });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static String line(CheckResult result) {
        String label = switch (result.outcome()) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        return label + "  " + result.name() + (result.outcome() == CheckResult.Outcome.PASSED ? "" : ": " + result.headline());
    }

    private KitSettings settings() {
        Mode chosen;
        try {
            chosen = Mode.ofFlag(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new ParameterException(spec.commandLine(), "--base-url must be an http or https URL, not " + baseUrl);
        }
        String runPrefix = prefix != null ? prefix : "cck-" + UUID.randomUUID().toString().substring(0, 8);
        if (!runPrefix.matches("[A-Za-z0-9-]{1,24}")) {
            throw new ParameterException(spec.commandLine(), "--prefix must be 1 to 24 letters, digits or '-'");
        }
        return new KitSettings(baseUrl, credentials(), chosen, bindAddress(), inventoryUrl, runPrefix,
                Duration.ofSeconds(syncTimeoutSeconds), Duration.ofSeconds(requestTimeoutSeconds));
    }

    private Consumer<HttpRequest.Builder> credentials() {
        boolean keys = ak != null || sk != null;
        if (keys && token != null) {
            throw new ParameterException(spec.commandLine(), "give either --ak and --sk or --token, not both");
        }
        if (token != null) {
            return builder -> builder.setHeader("X-Auth-Token", token);
        }
        if (ak == null || sk == null) {
            throw new ParameterException(spec.commandLine(), "give --ak and --sk, or --token");
        }
        return new AkSkSigner(ak, sk);
    }

    private InetSocketAddress bindAddress() {
        int colon = inventoryBind.lastIndexOf(':');
        try {
            String host = inventoryBind.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(inventoryBind.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--inventory-bind must be HOST:PORT, not " + inventoryBind);
        }
    }

    /** The kit's version, from its jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConformanceKit.class.getPackage().getImplementationVersion();
            return new String[] {"coc-conformance-kit " + (version == null ? "(development build)" : version)};
        }
    }
}
