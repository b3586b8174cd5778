package io.cocsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line alone: help, and the refusals that come before any request is sent. */
class ConformanceKitCommandLineTest {

    private record Outcome(int exitCode, String console) {
    }

    private static Outcome run(String... args) {
        StringWriter console = new StringWriter();
        PrintWriter writer = new PrintWriter(console, true);
        int exitCode = ConformanceKit.run(writer, writer, args);
        return new Outcome(exitCode, console.toString());
    }

    @Test
    void helpExplainsTheModesTheReportsAndTheExitCodes() {
        Outcome help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.console()).contains("read-only", "full", "--base-url", "--ak", "--sk", "--token", "--mode",
                "--junit-xml", "--markdown", "--inventory-url", "--inventory-bind", "Exit codes: 0");
    }

    @Test
    void withoutCredentialsTheKitRefusesToStart() {
        Outcome outcome = run("--base-url", "http://127.0.0.1:1");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.console()).contains("--ak and --sk, or --token");
    }

    @Test
    void keysAndATokenTogetherAreRefused() {
        Outcome outcome = run("--base-url", "http://127.0.0.1:1", "--ak", "a", "--sk", "s", "--token", "t");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.console()).contains("not both");
    }

    @Test
    void anUnknownModeIsRefused() {
        Outcome outcome = run("--base-url", "http://127.0.0.1:1", "--token", "t", "--mode", "everything");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.console()).contains("unknown mode everything");
    }

    @Test
    void fullModeAgainstAnotherMachineNeedsTheInventoryUrl() {
        Outcome outcome = run("--base-url", "https://coc.example.com", "--token", "t", "--mode", "full");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.console()).contains("needs --inventory-url");
    }
}
