package io.cocsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server jar in a child JVM, on a free loopback port and its own data directory: what an
 * operator runs, so every figure includes the whole HTTP edge, storage and process start.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;
    private final URI baseUri;
    private final String token;

    private ServerProcess(Process process, long startedNanos, URI baseUri, String token) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.baseUri = baseUri;
        this.token = token;
    }

    /**
     * Issues an administrator token into a fresh {@code dataDir} (before the start, so the
     * server reads it at start), then starts the server with {@code jvmOptions}; its output goes
     * to {@code server.log} in {@code dataDir}. Returns at once: see {@link #startupTime}.
     */
    static ServerProcess start(Path jar, Path dataDir, List<String> jvmOptions) {
        try {
            Files.createDirectories(dataDir);
            String token = issueToken(jar, dataDir);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(jvmOptions);
            command.addAll(profilingOptions());
            command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port),
                    "--data-dir", dataDir.toString(),
                    // the benchmark's vendor stubs listen on loopback, in plain HTTP
                    "--plain-http-allowed", "127.0.0.0/8,::1/128,localhost"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("server.log").toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            return new ServerProcess(process, started, URI.create("http://127.0.0.1:" + port), token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server jar " + jar, e);
        }
    }

    /**
     * Extra JVM options for every server the suite starts, from {@code BENCH_SERVER_OPTS}
     * (space-separated): how a missed target gets profiled under the very load that missed it.
     */
    private static List<String> profilingOptions() {
        String options = System.getenv("BENCH_SERVER_OPTS");
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** Time from the process start to the first successful authenticated API answer. */
    Duration startupTime(Api api, Duration limit) throws InterruptedException {
        long deadline = startedNanos + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue()
                        + "; see its server.log");
            }
            if (api.answersOk("/v1/vendor-account?limit=1")) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the server did not answer within " + limit);
    }

    URI baseUri() {
        return baseUri;
    }

    String token() {
        return token;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as an operator stops it; forcibly only if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String issueToken(Path jar, Path dataDir) throws IOException {
        Process issue = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "issue-token", "--data-dir",
                dataDir.toString(), "--hours", "8").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(issue.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (issue.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException("issue-token failed for " + dataDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while issuing a token", e);
        }
        return out;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
