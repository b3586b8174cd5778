package io.cocsync.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Reading what a server sends on a raw connection, for the tests that play misbehaving clients. */
final class SocketReads {

    private SocketReads() {}

    /**
     * What arrives until {@code enough} holds for it, the server closes or resets the connection,
     * or {@code wait} passes without a byte; in the last case fails with {@code whenSilent} and
     * what had arrived.
     */
    static String readUntil(Socket socket, Duration wait, Predicate<String> enough, String whenSilent)
            throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                received.write(b);
                if (enough.test(received.toString(StandardCharsets.US_ASCII))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(whenSilent + " (received: " + received.toString(StandardCharsets.US_ASCII) + ")");
        } catch (IOException reset) {
            // a reset ends the connection as well as a close
        }
        return received.toString(StandardCharsets.US_ASCII);
    }
}
