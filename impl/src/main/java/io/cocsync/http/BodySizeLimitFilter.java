package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the limit with 413, whether the size is declared in
 * Content-Length or only found out while a chunked body is read.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

    /** How much beyond the limit is read and dropped so that the client sees the 413: a multiple of it. */
    private static final long DRAIN_LIMIT_FACTOR = 8;

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            drain(request.getEntityStream());
            throw tooLarge();
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }

    /**
     * Reads and drops what the client is still sending, up to a bound, so that it can read the
     * 413 instead of failing with a broken pipe; past the bound the connection is closed.
     */
    private void drain(InputStream body) {
        byte[] buffer = new byte[16 * 1024];
        long budget = DRAIN_LIMIT_FACTOR * maxBytes;
        try {
            for (int n; budget > 0 && (n = body.read(buffer)) >= 0; ) {
                budget -= n;
            }
        } catch (IOException e) {
            // the client went away: nobody is left to read the answer
        }
    }

    private WebApplicationException tooLarge() {
        return tooLarge(maxBytes);
    }

    static WebApplicationException tooLarge(long maxBytes) {
        return new WebApplicationException(ErrorResponses.of(ErrorCode.PAYLOAD_TOO_LARGE, message(maxBytes)));
    }

    static String message(long maxBytes) {
        return "The request body is larger than " + maxBytes + " bytes.";
    }

    /**
     * Thrown while a body is read past the limit. An IOException, because JSON parsers pass
     * those through unchanged where they would wrap a runtime exception as a mapping error.
     */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long maxBytes) {
            super(message(maxBytes));
        }
    }

    private final class LimitedStream extends FilterInputStream {
        private long count;

        LimitedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > maxBytes) {
                drain(in);
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
