package io.cocsync.reliability;

import io.cocsync.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server jar ({@code target/coc-multicloud-sync.jar}, built by {@code package}) in a
 * process of its own, so that a test can kill it the way an operating system does: SIGKILL, no
 * shutdown hook, no last write. Its output goes to a file under {@code target/} for post-mortems.
 */
final class ServerProcess {

    private static final Path JAR = Path.of("target", "coc-multicloud-sync.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI baseUri;

    private ServerProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /** Starts the jar with these settings (flags, without --port) and waits until it is ready. */
    static ServerProcess start(String name, List<String> settings) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString(),
                "--port", Integer.toString(port),
                // the vendor stubs of the tests listen on loopback, in plain HTTP
                "--plain-http-allowed", String.join(",", ServerConfig.Security.LOOPBACK)));
        command.addAll(settings);
        Path log = Files.createDirectories(Path.of("target", "server-processes")).resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServerProcess server = new ServerProcess(process, URI.create("http://127.0.0.1:" + port));
        server.awaitReady(Duration.ofSeconds(60), log);
        return server;
    }

    URI baseUri() {
        return baseUri;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(baseUri.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server was not ready within " + timeout + "; see " + log);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs. */
    void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
