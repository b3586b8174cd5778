package io.cocsync.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.conformance.http.Answer;
import io.cocsync.conformance.http.ApiTarget;
import io.cocsync.conformance.inventory.LocalInventory;
import io.cocsync.conformance.inventory.LocalInventory.Item;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The OTHER accounts a full run registers: each reads its resources from the kit's inventory,
 * has the run's prefix in its account_id and account_name, and is deleted by {@link #cleanUp()}.
 */
public final class KitAccounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiTarget api;
    private final LocalInventory inventory;
    private final Duration syncTimeout;
    private final String prefix;
    private final Set<String> created = new LinkedHashSet<>();

    public KitAccounts(ApiTarget api, LocalInventory inventory, Duration syncTimeout, String prefix) {
        this.api = api;
        this.inventory = inventory;
        this.syncTimeout = syncTimeout;
        this.prefix = prefix;
    }

    public LocalInventory inventory() {
        return inventory;
    }

    /** An account registered with the deployment, as the kit created it. */
    public record Account(String id, String accountId, String accountName, String ak, String sk, String endpoint) {
        public String resourceId(String local) {
            return KitAccounts.resourceId(accountId, local);
        }

        public List<String> resourceIds(String... locals) {
            return Arrays.stream(locals).map(this::resourceId).toList();
        }
    }

    /** The vendor-side id of one of an account's resources: unique to the account, so to the run. */
    public static String resourceId(String accountId, String local) {
        return accountId + "-" + local;
    }

    /** A resource for the inventory of an account about to be registered. */
    public static Item item(String accountId, String local, String name, String type, String region) {
        return new Item(resourceId(accountId, local), name, type, region, Map.of("kit", true));
    }

    /** Serves the pages for a new account under {@code accountId} and registers it. */
    @SafeVarargs
    public final Account register(String accountId, List<Item>... pages) {
        String ak = "kit-ak-" + Integer.toHexString(accountId.hashCode());
        String sk = "kit-sk-" + UUID.randomUUID();
        // copied element by element: javac counts passing the generic array itself on as a possible heap pollution
        List<List<Item>> served = new ArrayList<>();
        for (List<Item> page : pages) {
            served.add(page);
        }
        inventory.serve(accountId, ak, sk, served.isEmpty() ? List.of(List.of()) : served);
        ObjectNode body = JSON.createObjectNode()
                .put("vendor", "OTHER")
                .put("account_id", accountId)
                .put("account_name", accountId)
                .put("ak", ak)
                .put("sk", sk)
                .put("endpoint", inventory.endpointOf(accountId));
        Answer answer = api.send("POST", "/v1/vendor-account", body.toString());
        JsonNode id = Expect.ok(answer, "CreateVendorAccount of " + accountId);
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new AssertionError("CreateVendorAccount answered no account id: " + answer);
        }
        synchronized (created) {
            created.add(id.asText());
        }
        return new Account(id.asText(), accountId, accountId, ak, sk, inventory.endpointOf(accountId));
    }

    /** Forgets an account a check deleted itself. */
    public void deleted(String id) {
        synchronized (created) {
            created.remove(id);
        }
    }

    /**
     * Deletes every account of the run: those the kit registered and any other whose account_name
     * carries the run's prefix (a registration whose answer was lost). Holds are released first;
     * an account still syncing is retried until the sync timeout.
     *
     * @throws AssertionError naming every account that could not be deleted
     */
    public void cleanUp() throws InterruptedException {
        inventory.releaseAll();
        Set<String> ids;
        synchronized (created) {
            ids = new LinkedHashSet<>(created);
        }
        Answer listed = api.get("/v1/vendor-account?limit=500&account_name="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        if (listed.status() == 200) {
            for (JsonNode account : listed.data()) {
                if (account.path("account_name").asText().startsWith(prefix)) {
                    ids.add(account.path("id").asText());
                }
            }
        }
        List<String> left = new ArrayList<>();
        for (String id : ids) {
            if (!delete(id)) {
                left.add(id);
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError("the clean-up could not delete the kit's accounts " + left);
        }
    }

    private boolean delete(String id) throws InterruptedException {
        long deadline = System.nanoTime() + syncTimeout.toNanos();
        while (true) {
            Answer answer = api.send("DELETE", "/v1/vendor-account/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
            boolean gone = answer.status() == 200
                    || (answer.status() == 400 && "COC.00101102".equals(answer.error().errorCode()));
            if (gone) {
                deleted(id);
                return true;
            }
            if (answer.status() != 409 || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
    }
}
