package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import io.cocsync.stubs.VendorStub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once against one server: {@value #CLIENTS} clients register
 * {@value #ACCOUNTS} accounts (each one twice, concurrently), then send {@value #REQUESTS_PER_CLIENT}
 * requests each: sync accounts (the same account by
 * several clients at once), list and count, while half of the accounts are deleted as they sync.
 * No answer is a 5xx and none takes longer than the client's timeout; every task ends; the
 * surviving accounts hold exactly their vendor's estate and the deleted ones nothing.
 */
class LoadTest {

    private static final int ACCOUNTS = 8;
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 120;
    /** A client's pause between requests, at most: spreads the load over several sync rounds. */
    private static final int THINK_TIME_MILLIS = 40;
    private static final int PER_REGION = 400;
    private static final Duration TASK_DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an answer may be under load: success, an account already gone or already there, or busy. */
    private static final Set<Integer> EXPECTED_STATUSES = Set.of(200, 400, 409);

    @TempDir
    Path dataDir;

    private CocServer server;
    private Api api;
    private final List<VendorStub> stubs = new ArrayList<>();
    private final Map<String, String> idsByAccount = new ConcurrentHashMap<>();
    private final Set<String> taskIds = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir).withDatabase(database()));
        api = Api.of(server.baseUri(), dataDir);
        for (int i = 0; i < ACCOUNTS; i++) {
            VendorStub stub = new OtherInventoryStub(new Fleet(List.of(accountId(i) + "-a", accountId(i) + "-b"),
                    PER_REGION, i));
            stub.setFaults(StubFaults.NONE.withDelay(Duration.ofMillis(20))); // syncs last long enough to overlap
            stubs.add(stub);
        }
    }

    /** Where the server keeps its data: the embedded database here, PostgreSQL in {@link LoadPostgresTest}. */
    ServerConfig.Jdbc database() {
        return ServerConfig.Jdbc.EMBEDDED;
    }

    @AfterEach
    void stop() {
        stubs.forEach(VendorStub::close);
        server.close();
    }

    @Test
    void manyClientsAtOnceGetNoServerErrorAndLoseOrDuplicateNothing() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            runAll(clients, CLIENTS, client -> register(client % ACCOUNTS));
            assertThat(idsByAccount).hasSize(ACCOUNTS);

            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                load.add(clients.submit(() -> {
                    for (int n = 0; n < REQUESTS_PER_CLIENT; n++) {
                        randomRequest();
                        Thread.sleep(ThreadLocalRandom.current().nextInt(THINK_TIME_MILLIS));
                    }
                    return null;
                }));
            }
            for (int doomed = 0; doomed < ACCOUNTS / 2; doomed++) {
                int account = doomed;
                load.add(clients.submit(() -> deleteWhileItSyncs(account)));
            }
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        for (String taskId : taskIds) {
            api.awaitEnd(taskId, TASK_DEADLINE);
        }
        for (int i = ACCOUNTS / 2; i < ACCOUNTS; i++) {
            api.awaitEnd(api.sync(CloudVendor.OTHER, accountId(i)), TASK_DEADLINE);
            assertThat(inventoryOf(i)).as(accountId(i) + " holds its estate once").isEqualTo(stubs.get(i).fleet().size());
        }
        for (int i = 0; i < ACCOUNTS / 2; i++) {
            assertThat(inventoryOf(i)).as("deleted " + accountId(i) + " holds nothing").isZero();
        }
        assertThat(api.countOther()).isEqualTo(ACCOUNTS / 2 * stubs.get(0).fleet().size());
        System.out.printf("LoadTest: answers by status %s; %d sync tasks, all ended%n", statuses, taskIds.size());
        assertThat(statuses.keySet()).allMatch(EXPECTED_STATUSES::contains);
    }

    private void register(int account) throws Exception {
        VendorStub stub = stubs.get(account);
        String body = JSON.createObjectNode().put("vendor", "OTHER").put("account_id", accountId(account))
                .put("account_name", accountId(account)).put("ak", stub.accessKey()).put("sk", stub.secretKey())
                .put("endpoint", stub.endpoint()).toString();
        HttpResponse<String> answer = judged(api.post("/v1/vendor-account", body));
        if (answer.statusCode() == 200) {
            assertThat(idsByAccount.put(accountId(account), data(answer).asText())).as("registered once").isNull();
        }
    }

    /** One of: a sync of any account (surviving or doomed), a list of accounts, a page of resources, a count. */
    private void randomRequest() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (random.nextInt(4)) {
            case 0, 1 -> {
                String body = JSON.createObjectNode().put("vendor", "OTHER")
                        .put("account_id", accountId(random.nextInt(ACCOUNTS))).toString();
                HttpResponse<String> answer = judged(api.post("/v1/multicloud-resources/sync", body));
                if (answer.statusCode() == 200) {
                    taskIds.add(data(answer).asText());
                }
            }
            case 2 -> judged(api.get("/v1/vendor-account?limit=100"));
            default -> judged(api.get(random.nextBoolean() ? "/v1/multicloud-resources?vendor=OTHER&limit=100"
                    : "/v1/multicloud-resources/count?vendor=OTHER"));
        }
    }

    /** Syncs the account and deletes it, retrying while the server says it is busy. */
    private Void deleteWhileItSyncs(int account) throws Exception {
        judged(api.post("/v1/multicloud-resources/sync",
                JSON.createObjectNode().put("vendor", "OTHER").put("account_id", accountId(account)).toString()));
        Thread.sleep(ThreadLocalRandom.current().nextInt(200));
        long deadline = System.nanoTime() + TASK_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            int status = judged(api.delete(idsByAccount.get(accountId(account)))).statusCode();
            if (status == 200) {
                return null;
            }
            assertThat(status).as("deleting a syncing account").isEqualTo(409);
            Thread.sleep(50);
        }
        throw new AssertionError(accountId(account) + " could not be deleted within " + TASK_DEADLINE);
    }

    private HttpResponse<String> judged(HttpResponse<String> answer) {
        statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        return answer;
    }

    private long inventoryOf(int account) throws Exception {
        return api.count(CloudVendor.OTHER, stubs.get(account).fleet().regions());
    }

    private static JsonNode data(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("data");
    }

    private static String accountId(int account) {
        return "load-" + account;
    }

    private interface ClientWork {
        void run(int client) throws Exception;
    }

    private static void runAll(ExecutorService clients, int count, ClientWork work) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < count; client++) {
            int number = client;
            running.add(clients.submit(() -> {
                work.run(number);
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
    }
}
