package io.cocsync.bench;

import static io.cocsync.bench.Report.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.aws.AwsEc2Connector;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.Fleet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Target 2: a full sync of one AWS account from the stub through the real SDK connector into the
 * server's embedded storage, against the rate at which the same connector merely reads the stub.
 */
final class IngestBench {

    private static final String REGION = "eu-west-1";

    private IngestBench() {}

    static void run(Suite suite) throws Exception {
        int size = suite.sizes().ingestResources();
        int repeats = suite.sizes().repeats();
        double[] readAlone = new double[repeats];
        double[] first = new double[repeats];
        double[] second = new double[repeats];
        try (AwsEc2Stub stub = new AwsEc2Stub(new Fleet(List.of(REGION), size, 1));
                ServerProcess server = ServerProcess.start(suite.jar(), suite.dir("ingest"), List.of())) {
            Api api = new Api(server);
            server.startupTime(api, Duration.ofSeconds(60));
            // the kinds of run take turns, so a noisy neighbour slows all of them alike
            for (int i = 0; i < repeats; i++) {
                readAlone[i] = readRate(stub, size);
                String accountId = "bench-aws-" + i;
                api.registerAccount("AWS", accountId, stub.accessKey(), stub.secretKey(), stub.endpoint(),
                        List.of(REGION));
                first[i] = syncRate(api, accountId, size);
                second[i] = syncRate(api, accountId, size);
            }
        }
        double read = Suite.median(readAlone);
        double firstRate = Suite.median(first);
        double secondRate = Suite.median(second);
        String of = " (best " + fmt(Suite.max(first)) + ") of " + repeats;
        suite.report().add(new Report.Row("Ingest: first sync of " + size + " AWS instances, end to end",
                "median " + fmt(firstRate) + " resources/s" + of, "≥ 20000 resources/s", fmt(firstRate) + "/s",
                firstRate >= 20_000));
        suite.report().add(new Report.Row("Ingest: first sync vs the connector reading alone",
                fmt(firstRate) + "/s vs read alone median " + fmt(read) + "/s (best " + fmt(Suite.max(readAlone))
                        + ")", "≥ 0.6×", fmt(firstRate / read) + "×", firstRate / read >= 0.6));
        suite.report().add(new Report.Row("Ingest: second sync of the unchanged account vs the first",
                "median " + fmt(secondRate) + "/s (best " + fmt(Suite.max(second)) + ") vs " + fmt(firstRate) + "/s",
                "≥ 1.0×", fmt(secondRate / firstRate) + "×", secondRate >= firstRate));
        suite.report().note("Ingest: the AWS EC2 stub (WireMock in the harness JVM, pages of 1000 rendered on"
                + " demand) serves " + size + " instances in one region; an AWS account with `region_ids` ["
                + REGION + "] points at it. End to end runs from `POST /v1/multicloud-resources/sync` to the task's"
                + " `success`, polled every 20 ms, in the server jar (default JVM options, embedded H2). 'Read"
                + " alone' runs the same `AwsEc2Connector` (AWS SDK v2) in the harness JVM with a sink that only"
                + " counts. Each of " + repeats + " rounds reads alone, then syncs a newly registered account twice;"
                + " figures are medians over the rounds.");
    }

    private static double readRate(AwsEc2Stub stub, int size) throws Exception {
        AccountAccess account = new AccountAccess(stub.endpoint(), stub.accessKey(), stub.secretKey(), null, null,
                List.of(REGION));
        AtomicLong read = new AtomicLong();
        long start = System.nanoTime();
        AwsEc2Connector.FACTORY.create(ConnectorContext.of(Duration.ofSeconds(60))).fetch(account,
                page -> read.addAndGet(page.size()));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (read.get() != size) {
            throw new IllegalStateException("the connector read " + read.get() + " of " + size);
        }
        return size / seconds;
    }

    static double syncRate(Api api, String accountId, long size) throws InterruptedException {
        long start = System.nanoTime();
        JsonNode task = api.awaitTask(api.requestSync("AWS", accountId), Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        long read = task.path("accounts").path(0).path("resources_read").asLong();
        if (!task.path("status").asText().equals("success") || read != size) {
            throw new IllegalStateException("the sync of " + accountId + " did not read all " + size
                    + " resources: " + task);
        }
        return size / seconds;
    }
}
