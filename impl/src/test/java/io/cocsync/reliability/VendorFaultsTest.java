package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OpenStackStub;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import io.cocsync.stubs.VendorStub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flaky vendors: five accounts on five stubs (three OTHER inventories, AWS, OpenStack) that
 * throttle 20% of requests (Retry-After 1 s), fail 10% with 500, reset 5% of connections, cut
 * 5% of bodies in half, hold back 3% of answers past the server's vendor timeout and dribble 3%
 * of bodies for longer than it, synchronized concurrently over several rounds while their
 * estates shrink; then one round in which every answer comes too late.
 * Every task ends; a failed account keeps its whole inventory; a successful one holds exactly
 * the vendor's estate with task counts that add up; no throttled request is retried early; a
 * vendor that never answers in time fails the sync instead of holding it.
 */
class VendorFaultsTest {

    /** Short, so that the answers held back past it cost the test little time. */
    private static final Duration VENDOR_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration TOO_SLOW = VENDOR_TIMEOUT.multipliedBy(3).dividedBy(2);
    private static final StubFaults FLAKY = StubFaults.NONE.withThrottling(0.20, 1).withServerErrors(0.10)
            .withConnectionResets(0.05).withMalformedBodies(0.05)
            .withTimeouts(0.03, TOO_SLOW).withSlowBodies(0.03, TOO_SLOW);
    /** Half the answers held back past the vendor timeout, every other body dribbled past it. */
    private static final StubFaults STALLING = StubFaults.NONE.withTimeouts(0.5, TOO_SLOW).withSlowBodies(1, TOO_SLOW);
    private static final int ROUNDS = 4;
    private static final int FIRST_ROUND_PER_REGION = 700;
    private static final int SHRINK_PER_ROUND = 100;
    private static final Duration TASK_DEADLINE = Duration.ofSeconds(60);
    /** Timers may fire a little early; Retry-After is in whole seconds. */
    private static final Duration RETRY_AFTER_TOLERANCE = Duration.ofMillis(50);

    @TempDir
    Path dataDir;

    private CocServer server;
    private Api api;
    private final Map<String, VendorStub> stubsByAccount = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir)
                .withVendorTimeout(VENDOR_TIMEOUT));
        api = Api.of(server.baseUri(), dataDir);
        startStub("other-1", OtherInventoryStub::new);
        startStub("other-2", OtherInventoryStub::new);
        startStub("other-3", OtherInventoryStub::new);
        startStub("aws-1", AwsEc2Stub::new);
        startStub("openstack-1", OpenStackStub::new);
    }

    @AfterEach
    void stop() {
        stubsByAccount.values().forEach(VendorStub::close);
        server.close();
    }

    @Test
    void everySyncEndsHonestlyAndAFailureNeverRemovesResources() throws Exception {
        Map<String, Long> outcomes = new HashMap<>();
        List<Instant> roundStarts = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            roundStarts.add(Instant.now());
            syncEveryAccount(FIRST_ROUND_PER_REGION - round * SHRINK_PER_ROUND)
                    .values().forEach(ended -> outcomes.merge(ended.path("status").asText(), 1L, Long::sum));
        }
        System.out.printf("VendorFaultsTest: %d tasks ended %s; the stubs answered %d requests%n", ROUNDS * 5,
                outcomes, stubsByAccount.values().stream().mapToLong(VendorStub::requestCount).sum());
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROUNDS * 5L);
        assertThat(outcomes).containsKey("success");
        int throttled = 0;
        for (VendorStub stub : stubsByAccount.values()) {
            if (!stub.vendor().name().equals("AWS")) { // the AWS SDK paces its own retries
                throttled += throttledRequestsNotRetriedEarly(stub, roundStarts);
            }
        }
        assertThat(throttled).as("requests throttled by the REST stubs").isPositive();

        // at random rates a run may see few of them: a last round in which every answer is too slow
        stubsByAccount.values().forEach(stub -> stub.setFaults(STALLING));
        Map<String, JsonNode> stalled = syncEveryAccount(FIRST_ROUND_PER_REGION - ROUNDS * SHRINK_PER_ROUND);
        assertThat(stalled.values()).as("syncs of vendors that never answer in time").allSatisfy(ended -> {
            assertThat(ended.path("status").asText()).isEqualTo("failed");
            assertThat(ended.path("accounts").path(0).path("failure_msg").asText()).contains("timed out");
        });
    }

    /**
     * Sets every stub's estate to {@code perRegion} resources a region, syncs every account at once
     * and checks each outcome against the inventory; gives each account's ended task.
     */
    private Map<String, JsonNode> syncEveryAccount(int perRegion) throws Exception {
        Map<String, Long> before = new HashMap<>();
        Map<String, String> tasks = new HashMap<>();
        for (var account : stubsByAccount.entrySet()) {
            VendorStub stub = account.getValue();
            stub.setFleet(stub.fleet().withPerRegion(perRegion));
            before.put(account.getKey(), inventoryOf(stub));
            tasks.put(account.getKey(), api.sync(vendorOf(stub), account.getKey()));
        }
        Map<String, JsonNode> ended = new HashMap<>();
        for (var task : tasks.entrySet()) {
            String account = task.getKey();
            VendorStub stub = stubsByAccount.get(account);
            JsonNode outcome = api.awaitEnd(task.getValue(), TASK_DEADLINE);
            ended.put(account, outcome);
            long after = inventoryOf(stub);
            if (outcome.path("status").asText().equals("success")) {
                JsonNode counts = outcome.path("accounts").path(0);
                assertThat(after).as(account + ": inventory after success").isEqualTo(stub.fleet().size());
                assertThat(counts.path("resources_read").asLong()).isEqualTo(stub.fleet().size());
                assertThat(before.get(account) + counts.path("resources_added").asLong()
                        - counts.path("resources_removed").asLong()).as(account + ": counts add up")
                        .isEqualTo(after);
            } else {
                assertThat(after).as(account + ": a failed sync removes nothing")
                        .isGreaterThanOrEqualTo(before.get(account));
            }
        }
        return ended;
    }

    private void startStub(String accountId, Function<Fleet, VendorStub> stubOf) throws Exception {
        VendorStub stub = stubOf.apply(new Fleet(List.of(accountId + "-east", accountId + "-west"),
                FIRST_ROUND_PER_REGION, accountId.hashCode()));
        stubsByAccount.put(accountId, stub);
        api.register(accountId, stub);
        stub.setFaults(FLAKY);
    }

    private long inventoryOf(VendorStub stub) throws Exception {
        return api.count(vendorOf(stub), stub.fleet().regions());
    }

    /** The stub's vendor as the service names it. */
    private static CloudVendor vendorOf(VendorStub stub) {
        return CloudVendor.valueOf(stub.vendor().name());
    }

    /**
     * Checks that after every 429 the same request does not come again sooner than its
     * Retry-After within the same round; counts the 429s. (A 429 to a sync's last attempt ends
     * that sync, and the next round's sync may ask the same page again at once: not a retry.)
     */
    private static int throttledRequestsNotRetriedEarly(VendorStub stub, List<Instant> roundStarts) {
        List<VendorStub.Answered> answers = stub.recentAnswers();
        Map<String, VendorStub.Answered> lastThrottle = new HashMap<>();
        List<String> early = new ArrayList<>();
        int throttled = 0;
        int round = 0;
        for (VendorStub.Answered answer : answers) {
            while (round + 1 < roundStarts.size() && !answer.at().isBefore(roundStarts.get(round + 1))) {
                round++;
                lastThrottle.clear();
            }
            VendorStub.Answered throttle = lastThrottle.remove(answer.request());
            if (throttle != null && Duration.between(throttle.at(), answer.at())
                    .plus(RETRY_AFTER_TOLERANCE).compareTo(Duration.ofSeconds(FLAKY.retryAfterSeconds())) < 0) {
                early.add(answer.request() + " after " + Duration.between(throttle.at(), answer.at()).toMillis()
                        + " ms");
            }
            if (answer.status() == 429) {
                throttled++;
                lastThrottle.put(answer.request(), answer);
            }
        }
        assertThat(early).as(stub.vendor() + " requests retried before Retry-After").isEmpty();
        return throttled;
    }
}
