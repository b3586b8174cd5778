package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cocsync.conformance.ConformanceKit;
import io.cocsync.contract.support.OffSpecStandIn;
import io.cocsync.contract.support.OffSpecStandIn.Tamper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The kit's command line against a stand-in that passes everything on to our server but answers
 * one operation off-spec: the kit exits 1 and names that check, and only that check, as failed in
 * both reports and on the console (every other check passes through the stand-in, so the failure
 * comes from the tampering alone). In full mode the run still deletes every account it registered.
 */
class ConformanceKitCatchesAnOffSpecServerTest extends ContractTestBase {

    @TempDir
    Path reports;

    @BeforeAll
    static void onlyOnce() {
        // the stand-in tests the kit, not the database: the PostgreSQL run of the suite leaves it out
        assumeFalse("postgresql".equals(System.getProperty("coc.test.database")), "runs on the H2 run of the suite");
    }

    @Test
    void aSyncRefusalWithAnotherErrorCodeFailsTheCheckForUnknownAccounts() throws Exception {
        Run run = runKitThrough((method, path, reply) -> path.equals("/v1/multicloud-resources/sync") && reply.status() == 400
                ? reply.withBody(reply.bodyText().replace("COC.00101102", "COC.00010002"))
                : reply);

        assertNamesOnlyTheBrokenCheck(run, "SyncMultiCloudResource.refusesAnUnknownAccount");
    }

    @Test
    void aNotFoundTaskAnsweredWithoutTheRequestIdHeaderFailsTheCheckForUnknownTasks() throws Exception {
        Run run = runKitThrough((method, path, reply) -> path.startsWith("/v1/multicloud-resources/sync-tasks/")
                && reply.status() == 404 ? reply.withoutHeader("X-Request-Id") : reply);

        assertNamesOnlyTheBrokenCheck(run, "ShowSyncTask.unknownTaskIsNotFound");
        assertThat(run.console()).contains("X-Request-Id");
    }

    @Test
    void aFailedCheckInFullModeStillLeavesNoAccountOfTheRunBehind() throws Exception {
        String prefix = "cck-cleanup" + Integer.toHexString(unique("x").hashCode() & 0xfff);
        Run run = runKitThrough((method, path, reply) -> path.equals("/v1/vendor-account") && reply.status() == 409
                ? reply.withBody(reply.bodyText().replace("COC.00101103", "COC.00010002"))
                : reply, "--mode", "full", "--prefix", prefix);

        assertNamesOnlyTheBrokenCheck(run, "CreateVendorAccount.sameVendorAndAccountIdIsAConflict");
        assertThat(run.console()).contains("PASS  Kit.cleanUp");
        assertThat(accounts.listVendorAccount(500, null, null, null, null, prefix).getTotal())
                .as("accounts of the run left on the server").isZero();
    }

    private void assertNamesOnlyTheBrokenCheck(Run run, String check) throws Exception {
        assertThat(run.exitCode()).as("exit code; console:%n%s", run.console()).isEqualTo(1);
        assertThat(run.failedInXml()).containsExactly(check);
        assertThat(run.console()).contains("FAIL  " + check);
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).startsWith("# COC conformance: FAILED").contains("### `" + check + "`");
    }

    private record Run(int exitCode, String console, List<String> failedInXml) {
    }

    /** Runs the kit's command line through a stand-in with this tamper, in read-only mode unless {@code more} says otherwise. */
    private Run runKitThrough(Tamper tamper, String... more) throws Exception {
        Administrator admin = administrator(serverDataDir);
        StringWriter console = new StringWriter();
        int exitCode;
        try (OffSpecStandIn standIn = OffSpecStandIn.start(server.baseUri(), signer, tamper)) {
            List<String> args = new ArrayList<>(List.of("--base-url", standIn.baseUri().toString(),
                    "--ak", admin.ak(), "--sk", admin.sk(),
                    "--junit-xml", reports.resolve("report.xml").toString(),
                    "--markdown", reports.resolve("report.md").toString()));
            args.addAll(List.of(more));
            exitCode = ConformanceKit.run(new PrintWriter(console, true), new PrintWriter(console, true),
                    args.toArray(String[]::new));
        }
        return new Run(exitCode, console.toString(), failedChecks(reports.resolve("report.xml")));
    }

    /** The names of the test cases with a failure element in a JUnit XML report. */
    private static List<String> failedChecks(Path junitXml) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitXml.toFile())
                .getElementsByTagName("testcase");
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getElementsByTagName("failure").getLength() > 0) {
                failed.add(testCase.getAttribute("name"));
            }
        }
        return failed;
    }
}
