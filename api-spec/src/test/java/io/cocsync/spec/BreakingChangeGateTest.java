package io.cocsync.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The gate of every build: the working spec must stay compatible with the released one unless
 * its major version grows. The reports of all changes are left in api-spec/target/ for reviewers.
 */
class BreakingChangeGateTest {

    @Test
    void theWorkingSpecIsCompatibleWithTheReleasedOneOrBumpsTheMajorVersion() throws Exception {
        String released = Files.readString(Path.of(System.getProperty("spec.released")));
        String working = Files.readString(Path.of(System.getProperty("spec.file")));
        Path reports = Path.of(System.getProperty("reports.dir"));

        SpecCompatibility compatibility = SpecCompatibility.between(released, working);
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("api-changes.md"), compatibility.markdown());
        Files.writeString(reports.resolve("api-changes.html"), compatibility.html());

        assertThat(compatibility.isAllowed())
                .as("The working spec breaks clients of the released one (api-spec/released/). Make the change"
                        + " compatible, or raise info.version to a new major. The changes:%n%n%s",
                        compatibility.markdown())
                .isTrue();
    }
}
