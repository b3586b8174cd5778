package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.example.QuickStart;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated client's README example is this project's code: it compiles, runs and says what it does. */
class ClientQuickStartTest extends ContractTestBase {

    @Test
    void theReadmeShowsTheQuickStartExactly() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/cocsync/example/QuickStart.java"));
        String example = source.substring(source.indexOf('\n', source.indexOf("// README:BEGIN")) + 1,
                source.indexOf("// README:END"));

        assertThat(Files.readString(Path.of("../generated-client/README.md"))).contains(example);
    }

    @Test
    void theQuickStartSynchronizesAnInventoryAndPagesThroughIt() throws Exception {
        Administrator admin = administrator(serverDataDir);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (OtherInventoryStub inventory = new OtherInventoryStub(new Fleet(List.of("dc-1"), 1200, 7))) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int count = QuickStart.run(server.baseUri().toString(), admin.ak(), admin.sk(), new QuickStart.Inventory(inventory.endpoint(), inventory.accessKey(),
                            inventory.secretKey()));

            assertThat(count).isEqualTo(1200);
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).hasSize(1200)
                .allSatisfy(line -> assertThat(line).matches("\\S+ dc-1-vm-\\d+ dc-1"));
    }
}
