package io.cocsync.conformance.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The OTHER-vendor inventory that the kit's own accounts read from (docs/vendors.md, "The OTHER
 * inventory format"), served by the kit on a port of its own. Each account has its path
 * {@code /inventory/<account_id>}, its Basic credentials and its pages, linked by
 * {@code next_marker} {@code page-2}, {@code page-3}, ...; an account can be held, so that its
 * sync stays running until the check releases it.
 */
public final class LocalInventory implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest a held page waits, so that a check that fails before releasing never hangs a sync for long. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kit-inventory");
        thread.setDaemon(true);
        return thread;
    });
    private final URI publicUri;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    private LocalInventory(HttpServer server, URI publicUri) {
        this.server = server;
        this.publicUri = publicUri;
    }

    /**
     * Starts serving on {@code bind} (port 0: any free port). {@code publicUri} is the base URL
     * under which the deployment reaches this inventory; null means the bound address itself.
     */
    public static LocalInventory start(InetSocketAddress bind, URI publicUri) {
        try {
            HttpServer server = HttpServer.create(bind, 0);
            URI base = publicUri != null ? publicUri : URI.create("http://" + hostOf(bind) + ":" + server.getAddress().getPort());
            LocalInventory inventory = new LocalInventory(server, base);
            server.createContext("/inventory/", inventory::handle);
            server.setExecutor(inventory.threads);
            server.start();
            return inventory;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve the kit's inventory on " + bind + ": " + e.getMessage(), e);
        }
    }

    private static String hostOf(InetSocketAddress bind) {
        String host = bind.getAddress() == null || bind.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : bind.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The endpoint to register for this account. */
    public String endpointOf(String accountId) {
        String base = publicUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/inventory/" + accountId;
    }

    /** Serves these pages to the account with these Basic credentials from now on. */
    public void serve(String accountId, String user, String password, List<List<Item>> pages) {
        served.put(accountId, new Served(basic(user, password), List.copyOf(pages), new CountDownLatch(0)));
    }

    /** Holds every page of the account until the returned hold is released. */
    public Hold hold(String accountId) {
        Served current = served.get(accountId);
        if (current == null) {
            throw new IllegalStateException("no inventory is served for " + accountId);
        }
        CountDownLatch latch = new CountDownLatch(1);
        served.put(accountId, new Served(current.authorization, current.pages, latch));
        return latch::countDown;
    }

    /** Releases every hold, for the clean-up. */
    public void releaseAll() {
        served.values().forEach(s -> s.release.countDown());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String accountId = exchange.getRequestURI().getPath().substring("/inventory/".length());
            Served account = served.get(accountId);
            if (account == null) {
                reply(exchange, 404, "{\"message\":\"no such inventory\"}");
                return;
            }
            if (!account.authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"message\":\"wrong credentials\"}");
                return;
            }
            account.release.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            int page = pageNumber(exchange.getRequestURI().getRawQuery());
            if (page < 1 || page > account.pages.size()) {
                reply(exchange, 400, "{\"message\":\"no such page\"}");
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resources", account.pages.get(page - 1).stream().map(Item::toJson).toList());
            body.put("next_marker", page < account.pages.size() ? "page-" + (page + 1) : null);
            reply(exchange, 200, JSON.writeValueAsString(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The page a request asks for: 1 without a marker, N for marker page-N, -1 for anything else. */
    private static int pageNumber(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 1;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("marker=")) {
                String marker = URLDecoder.decode(pair.substring("marker=".length()), StandardCharsets.UTF_8);
                return marker.matches("page-\\d{1,6}") ? Integer.parseInt(marker.substring(5)) : -1;
            }
        }
        return 1;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        releaseAll();
        server.stop(0);
        threads.shutdownNow();
    }

    /** A held account: its syncs wait until {@link #release()}. */
    @FunctionalInterface
    public interface Hold {
        void release();
    }

    /** One resource of an inventory page. */
    public record Item(String id, String name, String type, String region, Map<String, Object> properties) {
        /** The resource as the inventory format writes it. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("type", type);
            json.put("region", region);
            json.put("properties", properties);
            return json;
        }
    }

    private record Served(String authorization, List<List<Item>> pages, CountDownLatch release) {
    }
}
