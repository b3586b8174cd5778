package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's file system fills during a sync. The data directory is a small tmpfs
 * mounted for the test (which needs root, as CI runs; elsewhere the test is skipped, saying so);
 * growing the mount frees space without touching a file. The sync fails saying the disk is full,
 * reads answer, writes answer 503, what was stored before stays whole, and once there is space
 * the next sync succeeds on the same running server.
 */
class FullDiskTest {

    private static final Fleet SMALL = new Fleet(List.of("dc-1"), 300, 1);
    private static final Fleet HUGE = new Fleet(List.of("dc-1", "dc-2", "dc-3", "dc-4"), 12_000, 2);
    private static final Duration END = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path mountPoint;

    private boolean mounted;

    @BeforeEach
    void smallFileSystem() throws Exception {
        mounted = run("mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "mounting a size-limited tmpfs needs root (CI runs as root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /*
     * Known defect, so not run by the build until it is fixed (issue 22 stays open for it): run
     * alone, this test passes; run inside the whole impl suite it failed two times in three. In
     * the failures, H2 closed the database on the full disk and its lock file
     * (FILE_LOCK=FILE) outlived the closed database, so reopening it was refused ("Locked by
     * another process") for more than a minute after space was freed; with FILE_LOCK=NO the
     * failure was seen as a closed connection instead of a full disk. docs/operations.md says so.
     */
    @Disabled("a full disk can leave the embedded database unopenable until restart: see the comment and issue 22")
    @Test
    void aSyncThatFillsTheDiskFailsSayingSoReadsGoOnAndTheNextSyncAfterFreeingSpaceSucceeds() throws Exception {
        Path dataDir = mountPoint.resolve("data");
        try (OtherInventoryStub vendor = new OtherInventoryStub(SMALL);
                CocServer server = CocServer.start(ServerConfig.defaults().withPlainHttpOnLoopback().withPort(0).withDataDir(dataDir)
                        .withDiskReserveMegabytes(1))) {
            Api api = Api.of(server.baseUri(), dataDir);
            api.registerOther("estate", vendor);
            assertThat(api.awaitEnd(api.syncOther("estate"), END).path("status").asText()).isEqualTo("success");
            List<String> before = api.inventoryOther();
            JsonNode accountsBefore = api.accounts();

            vendor.setFleet(HUGE);
            String taskId = api.syncOther("estate");
            awaitReadsAnswer(api, taskId);
            JsonNode failed = api.awaitEnd(taskId, END);

            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("accounts").get(0).path("failure_msg").asText()).contains("disk is full");
            assertThat(api.inventoryOther()).as("reads answer, and nothing stored before is lost").isEqualTo(before);
            assertThat(api.accounts().get(0).path("id")).isEqualTo(accountsBefore.get(0).path("id"));
            HttpResponse<String> write = api.post("/v1/vendor-account", JSON.createObjectNode()
                    .put("vendor", "OTHER").put("account_id", "another").put("account_name", "another")
                    .put("ak", vendor.accessKey()).put("sk", vendor.secretKey()).put("endpoint", vendor.endpoint())
                    .toString());
            assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
            assertThat(JSON.readTree(write.body()).path("error_msg").asText()).contains("disk is full");

            assertThat(run("mount", "-o", "remount,size=256m", mountPoint.toString())).isTrue();
            assertThat(api.awaitEnd(syncOnceWritesResume(api), END).path("status").asText()).isEqualTo("success");
            assertThat(api.countOther()).isEqualTo(HUGE.size());
        }
    }

    /**
     * H2 closes the database whose write failed and opens it again for the next connection: for
     * that moment (a second or two here) reads answer 503 too.
     */
    private static void awaitReadsAnswer(Api api, String taskId) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(END);
        while (true) {
            HttpResponse<String> answer = api.get("/v1/multicloud-resources/sync-tasks/" + taskId);
            String status = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("data").path("status").asText() : "";
            if (status.equals("failed") || status.equals("success")) {
                return;
            }
            assertThat(java.time.Instant.now()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** The server looks at the free space again within a second of a refused write: the sync request after that. */
    private static String syncOnceWritesResume(Api api) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        while (true) {
            HttpResponse<String> answer = api.post("/v1/multicloud-resources/sync",
                    "{\"vendor\": \"OTHER\", \"account_id\": \"estate\"}");
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body()).path("data").asText();
            }
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(java.time.Instant.now()).as("writes resume once space is free").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
