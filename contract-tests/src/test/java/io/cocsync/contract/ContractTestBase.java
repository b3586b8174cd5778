package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cocsync.client.ApiClient;
import io.cocsync.client.ApiException;
import io.cocsync.client.api.MulticloudResourceApi;
import io.cocsync.client.api.VendorAccountApi;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.client.model.SyncStatus;
import io.cocsync.client.model.SyncTask;
import io.cocsync.client.model.Vendor;
import io.cocsync.client.model.VendorAccount;
import io.cocsync.client.model.VendorAccountCreateRequest;
import io.cocsync.conformance.checks.Expect;
import io.cocsync.conformance.http.ApiError;
import io.cocsync.contract.support.ContractValidationExtension;
import io.cocsync.contract.support.ExchangeRecorder;
import io.cocsync.contract.support.RecordingHttpClientBuilder;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.storage.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts one server per test class, in-process, on a free port with a temporary data directory,
 * and gives the tests the generated client wired to a recording {@link HttpClient}. Every exchange
 * is validated against the spec after each test by {@link ContractValidationExtension}.
 */
@ExtendWith(ContractValidationExtension.class)
public abstract class ContractTestBase {

    /** How long a test waits for a sync task to finish. */
    protected static final Duration SYNC_TIMEOUT = Duration.ofSeconds(20);

    private static final Set<SyncStatus> FINISHED = Set.of(SyncStatus.SUCCESS, SyncStatus.FAILED);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @TempDir
    static Path serverDataDir;

    protected static CocServer server;
    /** Signs as the administrator that the server created on its first start. */
    protected static AkSkSigner signer;
    protected static ApiClient apiClient;
    protected static VendorAccountApi accounts;
    protected static MulticloudResourceApi resources;
    /** The recording client, for requests the generated client cannot express. */
    protected static HttpClient http;

    @BeforeAll
    static void startServer() {
        server = CocServer.start(serverConfig());
        signer = administratorSigner(serverDataDir);
        apiClient = newApiClient(server.baseUri());
        accounts = new VendorAccountApi(apiClient);
        resources = new MulticloudResourceApi(apiClient);
        http = apiClient.getHttpClient();
    }

    /**
     * The embedded H2 by default; with {@code -Dcoc.test.database=postgresql}, a new database on
     * the test PostgreSQL (the build runs the suite both ways).
     */
    private static ServerConfig serverConfig() {
        ServerConfig config = ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(serverDataDir);
        if (!"postgresql".equals(System.getProperty("coc.test.database"))) {
            return config;
        }
        return config.withDatabase(
                new ServerConfig.Jdbc(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The signer of the administrator AK/SK in the data directory's credentials file (README, Security). */
    protected static AkSkSigner administratorSigner(Path dataDir) {
        Administrator admin = administrator(dataDir);
        return new AkSkSigner(admin.ak(), admin.sk());
    }

    /** The administrator AK/SK that the server created in its data directory on first start. */
    protected record Administrator(String ak, String sk) {}

    protected static Administrator administrator(Path dataDir) {
        try {
            JsonNode admin = new ObjectMapper().readTree(dataDir.resolve("credentials.json").toFile())
                    .path("access_keys").path(0);
            return new Administrator(admin.path("ak").asText(), admin.path("sk").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The generated client with its default HttpClient settings, recording every exchange and
     * signing every request as the administrator.
     */
    protected static ApiClient newApiClient(URI baseUri) {
        return newApiClient(baseUri, signer);
    }

    /** The same with another signer; null sends requests without credentials. */
    protected static ApiClient newApiClient(URI baseUri, AkSkSigner requestSigner) {
        ApiClient client = new ApiClient();
        client.setRequestInterceptor(requestSigner);
        client.setHttpClientBuilder(new RecordingHttpClientBuilder());
        client.updateBaseUri(baseUri.toString());
        // a bound, so that a server that stalls fails the test instead of hanging the build
        client.setReadTimeout(Duration.ofSeconds(30));
        return client;
    }

    /** A name no other test of this run uses, for account ids, names and resource ids. */
    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- failures through the generated client -------------------------------------------------

    /** Functional interface for a client call that is expected to fail. */
    @FunctionalInterface
    protected interface ClientCall {
        Object call() throws Exception;
    }

    /** Runs a valid request that the server must refuse, and returns the refusal. */
    protected static ApiError failure(ClientCall call) {
        try {
            Object result = call.call();
            return fail("expected the server to refuse the request, but it answered " + result);
        } catch (ApiException e) {
            assertThat(e.getCode()).as("HTTP status of %s", e.getMessage()).isBetween(400, 599);
            return ApiError.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
        } catch (Exception e) {
            throw new AssertionError("the call failed without an HTTP answer", e);
        }
    }

    /**
     * Runs a request the test made invalid on purpose (so the spec validation checks only its
     * response) and returns the refusal.
     */
    protected static ApiError rejection(ClientCall call) {
        try {
            return ExchangeRecorder.deliberatelyInvalid(() -> failure(call));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the refusal's status, error code, error body and request id header. */
    protected static ApiError assertError(ApiError error, int status, String errorCode) {
        return Expect.error(error, status, errorCode);
    }

    // ---- hand-built requests ------------------------------------------------------------------

    protected static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.baseUri().toString() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
    }

    protected static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /** Signs a hand-built, valid request as the administrator and sends it through the recording client. */
    protected static HttpResponse<String> send(HttpRequest request) {
        return sendUnsigned(signer.sign(request));
    }

    /** Sends a hand-built request as it is, through the recording client. */
    protected static HttpResponse<String> sendUnsigned(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("no answer to " + request, e);
        }
    }

    /** Sends a hand-built request the test made invalid on purpose: only its response is validated. */
    protected static HttpResponse<String> sendInvalid(HttpRequest request) {
        try {
            return ExchangeRecorder.deliberatelyInvalid(() -> send(request));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected static ApiError errorOf(HttpResponse<String> response) {
        return ApiError.of(response.statusCode(), response.headers(), response.body());
    }

    // ---- scenario helpers ---------------------------------------------------------------------

    protected static VendorAccountCreateRequest account(Vendor vendor, String accountId) {
        return new VendorAccountCreateRequest()
                .vendor(vendor)
                .accountId(accountId)
                .accountName("name of " + accountId)
                .ak("ak-" + accountId.hashCode())
                .sk("sk-secret-" + accountId.hashCode());
    }

    /** Registers the account and returns the id the server gave it. */
    protected static String register(VendorAccountCreateRequest request) throws ApiException {
        String id = accounts.createVendorAccount(request).getData();
        assertThat(id).as("id of the new account").isNotBlank();
        return id;
    }

    /** The one registered account with this vendor and vendor-side account id. */
    protected static VendorAccount findAccount(Vendor vendor, String accountId) throws ApiException {
        List<VendorAccount> found = accounts.listVendorAccount(10, null, null, vendor, accountId, null).getData();
        assertThat(found).as("accounts of %s with account_id %s", vendor, accountId).hasSize(1);
        return found.get(0);
    }

    /** Polls ShowSyncTask until the task has finished (success or failed), at most {@link #SYNC_TIMEOUT}. */
    protected static SyncTask awaitTask(UUID taskId) throws Exception {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        SyncTask task;
        do {
            task = resources.showSyncTask(taskId).getData();
            if (FINISHED.contains(task.getStatus())) {
                return task;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("the sync task " + taskId + " did not finish within " + SYNC_TIMEOUT + "; last seen: " + task);
    }

    /** The task id of a SyncMultiCloudResource answer (the client has parsed it as a UUID already). */
    protected static UUID uuidOf(UUID data) {
        assertThat(data).as("task id in data").isNotNull();
        return data;
    }
}
