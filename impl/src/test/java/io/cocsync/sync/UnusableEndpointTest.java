package io.cocsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.accounts.SyncState;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.TestContexts;
import io.cocsync.connectors.other.HttpInventoryConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An endpoint that no connector can call (one stored before endpoints were checked) fails its
 * account's sync as the account's own failure, in words the user can act on, never as the
 * server's storage error.
 */
class UnusableEndpointTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"http://a..b/", "http://-/", "http://a:99999/", "http://:80/x", "http://ü.example/"})
    void aSyncThatMeetsAnUnusableEndpointReportsTheEndpointNotAStorageError(String unusable) {
        VendorConnector connector = withEndpoint(unusable,
                HttpInventoryConnector.FACTORY.create(TestContexts.fast(1, Duration.ofSeconds(2))));
        try (SyncFixture fixture = new SyncFixture(dataDir, List.of(connector))) {
            fixture.accounts().register(new NewVendorAccount(CloudVendor.OTHER, "old-account", "Old account", "reader",
                    "secret", "https://inventory.example/", null, null, List.of(), NewVendorAccount.DEFAULT_DOMAIN));

            SyncTask task = fixture.syncAndWait(CloudVendor.OTHER, "old-account");

            SyncTask.AccountOutcome outcome = task.accounts().get(0);
            assertThat(outcome.status()).isEqualTo(SyncState.FAILED);
            assertThat(outcome.failureMsg()).startsWith("The account's endpoint is not usable: ")
                    .doesNotContain("storing");
        }
    }

    /** What the sink throws (storage failures, the engine's own stops) is not taken for an endpoint's fault. */
    @ParameterizedTest
    @ValueSource(strings = {"illegal argument", "state"})
    void whatTheSinkThrowsPassesUnchanged(String kind) {
        RuntimeException storage = kind.equals("state") ? new IllegalStateException("disk full")
                : new IllegalArgumentException("a column too narrow");
        VendorConnector connector = new VendorConnector() {
            @Override
            public CloudVendor vendor() {
                return CloudVendor.OTHER;
            }

            @Override
            public void fetch(AccountAccess account, ResourceSink sink) {
                sink.accept(List.of());
            }
        };
        ResourceSink failing = page -> {
            throw storage;
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConnectorCall.fetch(connector, null, failing))
                .isSameAs(storage);
    }

    /** The connector, reading each account as if its stored endpoint were {@code endpoint}. */
    private static VendorConnector withEndpoint(String endpoint, VendorConnector real) {
        return new VendorConnector() {
            @Override
            public CloudVendor vendor() {
                return real.vendor();
            }

            @Override
            public void fetch(AccountAccess a, ResourceSink sink) throws ConnectorException, InterruptedException {
                real.fetch(new AccountAccess(endpoint, a.ak(), a.sk(), a.tenantId(), a.subscriptionId(), a.regionIds()),
                        sink);
            }
        };
    }
}
