package io.cocsync.reliability;

import io.cocsync.auth.SigningHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written to a socket byte for byte, so that a request may be anything (a malformed
 * percent-encoding, invalid UTF-8, a lying content type), signed as the administrator.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, String body) {}

    private final URI server;
    private final SigningHttp signing;
    private final Duration timeout;

    RawHttp(URI server, SigningHttp signing, Duration timeout) {
        this.server = server;
        this.signing = signing;
        this.timeout = timeout;
    }

    /** Sends one request on its own connection; {@code target} is the raw path and query. */
    Answer send(String method, String target, String contentType, byte[] body) throws IOException {
        return send(method, target, contentType, body, Map.of());
    }

    /** The same, with more headers (not signed) written after the others. */
    Answer send(String method, String target, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        int question = target.indexOf('?');
        String authority = server.getRawAuthority();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        signing.signatureHeaders(method, authority, question < 0 ? target : target.substring(0, question),
                        question < 0 ? null : target.substring(question + 1), body)
                .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException cutOff) {
                // the server may answer a request it refuses (a URI past its limit) and close before
                // reading the rest of it: what it answered is still there to read, as any client would
                return answerSentBefore(socket, cutOff);
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** Writes the bytes as they are (no signature, no header added) and reads the answer until the server closes. */
    Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException cutOff) {
                return answerSentBefore(socket, cutOff);
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer answerSentBefore(Socket socket, IOException cutOff) throws IOException {
        try {
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException noAnswer) {
            cutOff.addSuppressed(noAnswer);
            throw cutOff;
        }
    }

    private static Answer parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunked(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunked(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder sizeLine = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("a chunked answer ended early");
                }
                sizeLine.append((char) b);
            }
            int size = Integer.parseInt(sizeLine.toString().trim().split(";")[0], 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            in.skip(2);
        }
    }
}
