package io.cocsync.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.conformance.http.Answer;
import io.cocsync.conformance.http.ApiTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** Starting syncs and following them through ShowSyncTask and the account's sync_status. */
final class SyncTasks {

    private static final Set<String> FINISHED = Set.of("success", "failed");

    private SyncTasks() {
    }

    /** Starts a sync of one OTHER account and returns the task id it answered. */
    static String start(ApiTarget api, String accountId) {
        Answer answer = api.send("POST", "/v1/multicloud-resources/sync",
                "{\"vendor\":\"OTHER\",\"account_id\":\"" + accountId + "\"}");
        JsonNode data = Expect.ok(answer, "SyncMultiCloudResource of " + accountId);
        assertThat(data.isTextual()).as("task id in %s", answer).isTrue();
        return data.asText();
    }

    /** Polls ShowSyncTask until the task has finished, and returns it. */
    static JsonNode awaitFinished(ApiTarget api, String taskId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode task;
        do {
            task = Expect.ok(api.get("/v1/multicloud-resources/sync-tasks/" + taskId), "ShowSyncTask " + taskId);
            if (FINISHED.contains(task.path("status").asText().toLowerCase())) {
                return task;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the sync task " + taskId + " did not finish within " + timeout + "; last seen: " + task);
    }

    /** Starts a sync, waits for it, and asserts that it succeeded. */
    static JsonNode syncSuccessfully(ApiTarget api, String accountId, Duration timeout) throws InterruptedException {
        JsonNode task = awaitFinished(api, start(api, accountId), timeout);
        assertThat(task.path("status").asText()).as("status of the sync of %s: %s", accountId, task)
                .isEqualToIgnoringCase("success");
        return task;
    }

    /** Waits until the account itself shows sync_status running. */
    static void awaitAccountRunning(ApiTarget api, String accountId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status;
        do {
            JsonNode account = Expect.ok(api.get("/v1/vendor-account?limit=1&vendor=OTHER&account_id="
                    + URLEncoder.encode(accountId, StandardCharsets.UTF_8)), "ListVendorAccount").path(0);
            status = account.path("sync_status").asText();
            if ("running".equalsIgnoreCase(status)) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the account " + accountId + " never showed sync_status running; last " + status);
    }
}
