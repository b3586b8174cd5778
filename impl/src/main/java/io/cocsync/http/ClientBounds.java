package io.cocsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds what one client address, and all clients together, can hold of the server, and
 * answers at once past a bound instead of queueing:
 * <ul>
 *   <li>open connections per client address: a request on a connection past the bound is
 *       answered 429 and its connection closed;</li>
 *   <li>requests with a body in progress per client address (429) and in total (503). Reading a
 *       body holds a worker thread for as long as the client takes to send it (up to the body
 *       timeout), so these are what a slow client could otherwise use up.</li>
 * </ul>
 * Each refusal carries the API's error body and {@code Retry-After}. Behind a reverse
 * proxy every client has the proxy's address: there the proxy bounds each client, and these
 * bounds are raised to what the proxy may hold (docs/security.md).
 */
public final class ClientBounds extends Handler.Wrapper implements Connection.Listener {

    /** The request property that holds the client's IP address (set by {@link ClientAddressFilter}). */
    public static final String CLIENT_ADDRESS = "io.cocsync.client-address";
    static final int RETRY_AFTER_SECONDS = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int connectionsPerAddress;
    private final int bodyReadsPerAddress;
    private final int bodyReads;
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    /** The address each open connection was counted under: a closed socket no longer tells its peer. */
    private final Map<Connection, String> addressOfConnection = new ConcurrentHashMap<>();
    private final Map<String, Integer> bodyReadsByAddress = new ConcurrentHashMap<>();
    private final AtomicInteger bodyReadsInProgress = new AtomicInteger();

    public ClientBounds(Handler handler, int connectionsPerAddress, int bodyReadsPerAddress, int bodyReads) {
        super(handler);
        this.connectionsPerAddress = connectionsPerAddress;
        this.bodyReadsPerAddress = bodyReadsPerAddress;
        this.bodyReads = bodyReads;
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        addressOfConnection.put(connection, address);
        increment(connections, address);
    }

    @Override
    public void onClosed(Connection connection) {
        String address = addressOfConnection.remove(connection);
        if (address != null) {
            decrement(connections, address);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String address = address(request.getConnectionMetaData().getRemoteSocketAddress());
        if (connections.getOrDefault(address, 0) > connectionsPerAddress) {
            return refuse(response, callback, ErrorCode.TOO_MANY_REQUESTS, "This client address has more than "
                    + connectionsPerAddress + " connections open: close some, or retry later.", true);
        }
        if (request.getLength() == 0 || (request.getLength() < 0
                && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
            return super.handle(request, response, callback);
        }
        if (increment(bodyReadsByAddress, address) > bodyReadsPerAddress) {
            decrement(bodyReadsByAddress, address);
            return refuse(response, callback, ErrorCode.TOO_MANY_REQUESTS, "This client address is sending more than "
                    + bodyReadsPerAddress + " request bodies at once: retry later.", false);
        }
        if (bodyReadsInProgress.incrementAndGet() > bodyReads) {
            bodyReadsInProgress.decrementAndGet();
            decrement(bodyReadsByAddress, address);
            return refuse(response, callback, ErrorCode.SERVICE_UNAVAILABLE, "The server is receiving "
                    + bodyReads + " request bodies already: retry later.", false);
        }
        Callback released = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                release(address);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                release(address);
                super.failed(failure);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, released);
        } catch (Exception | Error e) {
            release(address);
            throw e;
        }
        if (!handled) {
            release(address);
        }
        return handled;
    }

    private void release(String address) {
        bodyReadsInProgress.decrementAndGet();
        decrement(bodyReadsByAddress, address);
    }

    private static boolean refuse(Response response, Callback callback, ErrorCode code, String message,
            boolean closeConnection) throws JsonProcessingException {
        String requestId = RequestIdFilter.requestIdOf(null);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_code", code.code());
        body.put("error_msg", message);
        body.put("request_id", requestId);
        response.setStatus(code.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        response.getHeaders().put(RequestIdFilter.HEADER, requestId);
        if (closeConnection) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
        return true;
    }

    private static int increment(Map<String, Integer> counts, String address) {
        return counts.merge(address, 1, Integer::sum);
    }

    /** Counts down, and forgets an address whose count reaches zero, so the map holds only active clients. */
    private static void decrement(Map<String, Integer> counts, String address) {
        counts.computeIfPresent(address, (ignored, count) -> count <= 1 ? null : count - 1);
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(socket);
    }
}
