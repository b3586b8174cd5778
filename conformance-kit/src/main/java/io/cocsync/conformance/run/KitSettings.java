package io.cocsync.conformance.run;

import io.cocsync.conformance.checks.Mode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the kit runs: the deployment, its credentials, the mode and, for full mode, where the
 * kit's inventory listens and under which URL the deployment reaches it.
 *
 * @param credentials adds the AK/SK signature or the token to each request
 * @param inventoryUrl the base URL the deployment reads the kit's inventory from; null means
 *     the bound address, which only a deployment on this machine (a loopback base URL) can reach
 */
public record KitSettings(URI baseUri, Consumer<HttpRequest.Builder> credentials, Mode mode,
        InetSocketAddress inventoryBind, URI inventoryUrl, String prefix, Duration syncTimeout,
        Duration requestTimeout) {

    /** Defaults for everything but the target: an inventory on a free loopback port, 60 s per sync, 30 s per request. */
    public static KitSettings of(URI baseUri, Consumer<HttpRequest.Builder> credentials, Mode mode, String prefix) {
        return new KitSettings(baseUri, credentials, mode, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                null, prefix, Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    /**
     * Refuses settings a full run cannot work with: an inventory the deployment cannot reach.
     *
     * @throws IllegalArgumentException saying what to set
     */
    void requireReachableInventory() {
        if (mode == Mode.FULL && inventoryUrl == null && !isLoopback(baseUri.getHost())) {
            throw new IllegalArgumentException("full mode against " + baseUri + " needs --inventory-url: the URL under which "
                    + "that deployment reaches the kit's inventory (bound with --inventory-bind); without it the kit "
                    + "serves its inventory on loopback, which only a deployment on this machine reaches");
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return "localhost".equalsIgnoreCase(bare) || InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
