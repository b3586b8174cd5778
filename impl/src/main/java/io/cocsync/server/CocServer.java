package io.cocsync.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.AccountIds;
import io.cocsync.accounts.AccountRepository;
import io.cocsync.accounts.AccountService;
import io.cocsync.connectors.ConnectorRegistry;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.VendorHttp;
import io.cocsync.connectors.VendorJson;
import io.cocsync.connectors.aws.AwsEc2Connector;
import io.cocsync.connectors.openstack.OpenStackConnector;
import io.cocsync.connectors.vmware.VmwareConnector;
import io.cocsync.connectors.other.HttpInventoryConnector;
import io.cocsync.demo.DemoEstate;
import io.cocsync.http.ApiApplication;
import io.cocsync.http.ApiObjectMapper;
import io.cocsync.inventory.InventoryRepository;
import io.cocsync.storage.Database;
import io.cocsync.sync.InterruptedSyncs;
import io.cocsync.sync.SyncEngine;
import io.cocsync.sync.SyncExecutor;
import io.cocsync.sync.SyncService;
import io.cocsync.sync.TaskRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds storage, services and the HTTP edge with plain {@code new}, and runs them. */
public final class CocServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CocServer.class);

    private final Server jetty;
    private final SyncExecutor syncExecutor;
    private final Database database;
    private final DemoEstate demo;

    private CocServer(Server jetty, SyncExecutor syncExecutor, Database database, DemoEstate demo) {
        this.jetty = jetty;
        this.syncExecutor = syncExecutor;
        this.database = database;
        this.demo = demo;
    }

    public static CocServer start(ServerConfig config) {
        createDirectories(config);
        Clock clock = Clock.systemUTC();
        ObjectMapper json = ApiObjectMapper.create();
        Database database = Database.openEmbedded(config.dataDir());
        SyncExecutor syncExecutor = null;
        try {
            Jdbi jdbi = database.jdbi();
            AccountRepository accountRepository = new AccountRepository(jdbi, json);
            TaskRepository taskRepository = new TaskRepository(jdbi, json);
            InventoryRepository inventory = new InventoryRepository(jdbi, json);
            InterruptedSyncs.fail(jdbi, taskRepository, accountRepository, clock);

            VendorHttp vendorHttp = new VendorHttp(VendorHttp.defaultClient(), RetryPolicy.standard(),
                    Duration.ofSeconds(60));
            ObjectMapper vendorJson = VendorJson.create();
            ConnectorRegistry connectors = new ConnectorRegistry(List.of(
                    new HttpInventoryConnector(vendorHttp, vendorJson),
                    new AwsEc2Connector(RetryPolicy.standard(), Duration.ofSeconds(60)),
                    new OpenStackConnector(vendorHttp, vendorJson),
                    // image and IPs are part of the shared mapping: worth two calls per running VM
                    VmwareConnector.withVmDetails(vendorHttp, vendorJson, 8)));
            SyncEngine engine = new SyncEngine(jdbi, accountRepository, taskRepository, inventory, connectors, clock,
                    new SyncEngine.Limits(config.accountsPerVendor(), config.accountTimeLimit()));
            syncExecutor = new SyncExecutor(engine, config.syncThreads(), 10_000);

            AccountService accounts = new AccountService(jdbi, accountRepository, new AccountIds(clock), clock);
            SyncService sync = new SyncService(jdbi, accountRepository, taskRepository, syncExecutor, clock);
            ResourceConfig application = ApiApplication.create(json, accounts, sync, inventory);

            Server jetty = JettyHttpContainerFactory.createServer(
                    URI.create("http://0.0.0.0:" + config.port() + "/"), application, false);
            jetty.setErrorHandler(new JsonErrorHandler());
            DemoEstate demo = config.demo() ? DemoEstate.start(accounts) : null;
            jetty.start();
            CocServer server = new CocServer(jetty, syncExecutor, database, demo);
            LOG.info("listening on port {} with data in {}", server.port(), config.dataDir().toAbsolutePath());
            return server;
        } catch (Exception e) {
            if (syncExecutor != null) {
                syncExecutor.close();
            }
            database.close();
            throw new IllegalStateException("the server could not start: " + e.getMessage(), e);
        }
    }

    private static void createDirectories(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir " + config.dataDir() + " cannot be created", e);
        }
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The loopback address of this server, for clients on the same machine. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly", e);
        }
        syncExecutor.close();
        if (demo != null) {
            demo.close();
        }
        database.close();
    }
}
