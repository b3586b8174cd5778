package io.cocsync.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A closed-loop load: a fixed number of connections, each sending its next request as soon as
 * the previous one answered, for a fixed time. Closed loop on purpose: on two cores shared with
 * the server, an open-loop generator would measure its own queueing rather than the server.
 */
final class LoadGenerator {

    /** One endpoint's figures under load; {@code kept} holds what {@code keep} took of each 2xx answer. */
    record Result(double throughput, Latencies latencies, long errors, List<String> kept) {}

    private final HttpClient http;
    private final int connections;

    LoadGenerator(HttpClient http, int connections) {
        this.http = http;
        this.connections = connections;
    }

    /**
     * Runs {@code request} (given a running sequence number) for {@code duration}; {@code keep}
     * picks what to keep of each successful answer's body (null keeps nothing).
     */
    Result run(Duration duration, Function<Long, HttpRequest> request, Function<String, String> keep)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(new Worker(end, sequence, errors, request, keep));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        for (Worker worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = 0;
        List<String> kept = new ArrayList<>();
        for (Worker worker : workers) {
            total += worker.count;
            kept.addAll(worker.kept);
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.nanos, 0, all, at, worker.count);
            at += worker.count;
        }
        return new Result((total - errors.get()) / seconds, new Latencies(all), errors.get(), kept);
    }

    private final class Worker extends Thread {
        private final long end;
        private final AtomicLong sequence;
        private final AtomicLong errors;
        private final Function<Long, HttpRequest> request;
        private final Function<String, String> keep;
        private final List<String> kept = new ArrayList<>();
        private long[] nanos = new long[4096];
        private int count;

        Worker(long end, AtomicLong sequence, AtomicLong errors, Function<Long, HttpRequest> request,
                Function<String, String> keep) {
            this.end = end;
            this.sequence = sequence;
            this.errors = errors;
            this.request = request;
            this.keep = keep;
        }

        @Override
        public void run() {
            while (System.nanoTime() < end) {
                HttpRequest next = request.apply(sequence.getAndIncrement());
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                    record(System.nanoTime() - sent);
                    if (response.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                    } else if (keep != null) {
                        kept.add(keep.apply(response.body()));
                    }
                } catch (IOException e) {
                    record(System.nanoTime() - sent);
                    errors.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void record(long latency) {
            if (count == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }
    }
}
