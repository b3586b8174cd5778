package io.cocsync.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.CheckResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Both reports of a run with a passed, a failed and a skipped check. */
class ReportsTest {

    private static final RunSummary RUN = new RunSummary("http://127.0.0.1:8080", "read-only", "cck-test", Instant.EPOCH,
            List.of(
                    new CheckResult("ListVendorAccount.answersAPage", "ListVendorAccount", "a page", Outcome.PASSED,
                            null, Duration.ofMillis(120), 1),
                    new CheckResult("ShowSyncTask.unknownTaskIsNotFound", "ShowSyncTask", "a 404", Outcome.FAILED,
                            "[status of 500 {}] expected 404\nbut was 500 \u0001", Duration.ofMillis(30), 1),
                    new CheckResult("ListVendorAccount.filtersFilter", "ListVendorAccount", "filters", Outcome.SKIPPED,
                            "the deployment holds no accounts", Duration.ZERO, 1)));

    @TempDir
    Path dir;

    @Test
    void theJUnitXmlHasOneTestCasePerCheckWithItsFailureOrSkip() throws Exception {
        Path file = dir.resolve("nested/report.xml");

        JUnitXmlReport.write(RUN, file);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element failed = (Element) suite.getElementsByTagName("testcase").item(1);
        assertThat(failed.getAttribute("name")).isEqualTo("ShowSyncTask.unknownTaskIsNotFound");
        assertThat(failed.getAttribute("classname")).isEqualTo("coc.conformance.ShowSyncTask");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("[status of 500 {}] expected 404");
        assertThat(failure.getTextContent()).contains("but was 500").doesNotContain("\u0001");
        assertThat(suite.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void theMarkdownGivesTheVerdictTheTableAndEachFailureInFull() {
        String markdown = MarkdownReport.render(RUN);

        assertThat(markdown).startsWith("# COC conformance: FAILED")
                .contains("1 passed, 1 failed, 1 skipped")
                .contains("| `ShowSyncTask.unknownTaskIsNotFound` | **FAILED** |")
                .contains("### `ShowSyncTask.unknownTaskIsNotFound`")
                .contains("but was 500")
                .contains("(skipped: the deployment holds no accounts)");
    }
}
