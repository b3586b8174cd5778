package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;

/** Target 4: with a large inventory stored, a page deep in it (marker paging) against the first page. */
final class PagingBench {

    private static final String PAGE = "/v1/multicloud-resources?vendor=AWS&limit=500";

    private PagingBench() {}

    static void run(Suite suite, Api api, int stored) throws Exception {
        // found once by offset, which is slow that deep: marker paging is what is measured
        int depth = stored / 16 * 15;
        String marker = api.call(api.get("/v1/multicloud-resources?vendor=AWS&limit=1&offset=" + depth))
                .path("data").path(0).path("id").asText();
        HttpRequest first = api.get(PAGE);
        HttpRequest deep = api.get(PAGE + "&marker=" + marker);
        int samples = suite.sizes().pagingSamples();
        long[] firstNanos = new long[samples];
        long[] deepNanos = new long[samples];
        for (int i = 0; i < 20; i++) {
            time(api, first);
            time(api, deep);
        }
        for (int i = 0; i < samples; i++) {
            firstNanos[i] = time(api, first);
            deepNanos[i] = time(api, deep);
        }
        Latencies firstPage = new Latencies(firstNanos);
        Latencies deepPage = new Latencies(deepNanos);
        double ratio = deepPage.percentileMs(50) / firstPage.percentileMs(50);
        double worstP99 = Math.max(firstPage.percentileMs(99), deepPage.percentileMs(99));
        suite.report().add(new Report.Row("Paging: " + stored + " stored, pages of 500, deep page (marker) vs first",
                "first p50 " + fmt(firstPage.percentileMs(50)) + " ms, p99 " + fmt(firstPage.percentileMs(99))
                        + " ms; deep p50 " + fmt(deepPage.percentileMs(50)) + " ms, p99 "
                        + fmt(deepPage.percentileMs(99)) + " ms",
                "≤ 1.5×, p99 ≤ 50 ms", fmt(ratio) + "×, p99 " + fmt(worstP99) + " ms",
                ratio <= 1.5 && worstP99 <= 50));
        suite.report().note("Paging: on the memory benchmark's large server (`-Xmx256m`, " + stored + " AWS"
                + " resources stored), one connection sends `GET " + PAGE + "` (first page) and the same with"
                + " `marker` = the id of the resource at 15/16 of the set (found by `offset`), taking turns:"
                + " 20 of each to warm up, then " + samples + " of each measured; the ratio divides the p50s.");
    }

    private static long time(Api api, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = api.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return nanos;
    }
}
