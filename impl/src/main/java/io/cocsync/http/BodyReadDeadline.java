package io.cocsync.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Gives every request body a total deadline, counted from the moment its headers are in. The
 * idle timeout only cuts off a client that goes silent; one that trickles a byte every few
 * seconds would hold the worker thread that reads its body (the filters read it up front, on
 * a blocking stream) for as long as it likes. Past the deadline, a read that would wait fails
 * with {@link TooSlowException} instead, so the request is answered with a 400 and the
 * connection, its body unfinished, is closed.
 *
 * <p>Jetty's minimum request data rate would do this for servlets, but Jersey's Jetty
 * container reads the core request, where that rate is not enforced.
 */
public final class BodyReadDeadline extends Handler.Wrapper {

    private final Duration limit;

    public BodyReadDeadline(Handler handler, Duration limit) {
        super(handler);
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new DeadlineRequest(request, System.nanoTime() + limit.toNanos()), response, callback);
    }

    /** A body that did not arrive whole in time. An IOException, as every failed body read is. */
    public static final class TooSlowException extends IOException {
        private static final long serialVersionUID = 1L;

        private final Duration limit;

        TooSlowException(Duration limit) {
            super("The request body was not received within " + limit.toSeconds() + " seconds.");
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }

    private final class DeadlineRequest extends Request.Wrapper {
        private final long deadlineNanos;
        private final Scheduler scheduler;

        DeadlineRequest(Request wrapped, long deadlineNanos) {
            super(wrapped);
            this.deadlineNanos = deadlineNanos;
            this.scheduler = wrapped.getComponents().getScheduler();
        }

        /**
         * What has arrived is always handed out, even late; only a read that finds nothing
         * after the deadline fails (so a client gets at most one more byte past it).
         */
        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null && remainingNanos() <= 0) {
                return Content.Chunk.from(new TooSlowException(limit));
            }
            return chunk;
        }

        /** Wakes the reader when content comes or the deadline passes, whichever is first. */
        @Override
        public void demand(Runnable demandCallback) {
            long remaining = remainingNanos();
            if (remaining <= 0) {
                demandCallback.run();
                return;
            }
            AtomicBoolean woken = new AtomicBoolean();
            Runnable once = () -> {
                if (woken.compareAndSet(false, true)) {
                    demandCallback.run();
                }
            };
            Scheduler.Task timer = scheduler.schedule(once, remaining, TimeUnit.NANOSECONDS);
            super.demand(() -> {
                timer.cancel();
                once.run();
            });
        }

        private long remainingNanos() {
            return deadlineNanos - System.nanoTime();
        }
    }
}
