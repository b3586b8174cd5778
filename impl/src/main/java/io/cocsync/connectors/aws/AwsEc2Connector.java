package io.cocsync.connectors.aws;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorContext;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.Paging;
import io.cocsync.connectors.RegionalFetch;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorConnector;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

/**
 * The connector of vendor AWS: reads the EC2 instances of every region of the account with the
 * AWS SDK for Java v2, signing with the account's access key (ak) and secret key (sk).
 *
 * <pre>
 * DescribeRegions                        (in us-east-1; skipped when the account names its regions)
 * DescribeInstances MaxResults=1000 [NextToken=...]   (per region, until no NextToken)
 * </pre>
 * Each page of instances goes to the sink as it arrives. Throttling and transient failures are
 * retried by the SDK's standard retry strategy, bounded by the {@link RetryPolicy}. A region that
 * keeps failing does not stop the others from being read, but the fetch then ends with a
 * {@link ConnectorException} naming it, so the engine removes nothing.
 *
 * <p>The mapping is {@link Ec2InstanceMapping}'s; every HTTP attempt is counted by {@link Ec2CallMetrics}.
 */
public final class AwsEc2Connector implements VendorConnector {

    static final int PAGE_SIZE = 1000;
    static final String REGIONS_HOME = "us-east-1";

    /** Error codes by which EC2 says the credentials (or their permissions) are not accepted. */
    private static final Set<String> REFUSALS = Set.of(
            "AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken", "AccessDenied");

    /** Makes the connector of vendor AWS. */
    public static final ConnectorFactory FACTORY = ConnectorFactory.of(CloudVendor.AWS, AwsEc2Connector::new);

    private final ConnectorContext context;
    private final RetryPolicy retry;
    private final Duration callTimeout;

    AwsEc2Connector(ConnectorContext context) {
        this.context = context;
        this.retry = context.retry();
        this.callTimeout = context.callTimeout();
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.AWS;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (Texts.isBlank(account.ak()) || Texts.isBlank(account.sk())) {
            throw new ConnectorException("An AWS account needs an access key id (ak) and a secret access key (sk).");
        }
        URI endpoint = Endpoints.of(account.endpoint(), "The account's endpoint is not a valid URL.").orElse(null);
        // one HTTP client for all regions of this fetch; the EC2 clients do not own it
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(ConnectorContext.CONNECT_TIMEOUT)
                .socketTimeout(callTimeout)
                .tlsTrustManagersProvider(() -> new TrustManager[] {context.tls().trustManager()})
                .build()) {
            List<String> regions = account.regionIds().isEmpty()
                    ? enabledRegions(account, endpoint, http)
                    : List.copyOf(new LinkedHashSet<>(account.regionIds()));
            RegionalFetch.readAll("AWS", "region", regions, region -> region, region -> {
                try (Ec2Client ec2 = client(account, endpoint, http, region)) {
                    readRegion(ec2, region, sink);
                }
            });
        }
    }

    private List<String> enabledRegions(AccountAccess account, URI endpoint, SdkHttpClient http)
            throws ConnectorException, InterruptedException {
        try (Ec2Client ec2 = client(account, endpoint, http, REGIONS_HOME)) {
            // without AllRegions, EC2 lists only the regions enabled for the account
            List<String> regions = ec2.describeRegions().regions().stream()
                    .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                    .toList();
            if (regions.isEmpty()) {
                throw new ConnectorException("AWS listed no enabled regions for the account.");
            }
            return regions;
        } catch (SdkException e) {
            throw new ConnectorException("Could not list the account's AWS regions (" + reasonOf(e) + ").");
        }
    }

    /** Reads one region page by page. */
    private void readRegion(Ec2Client ec2, String region, ResourceSink sink)
            throws ConnectorException, InterruptedException {
        Paging.readAll("EC2", "NextToken", (token, page) -> {
            try {
                DescribeInstancesResponse response = ec2.describeInstances(DescribeInstancesRequest.builder()
                        .maxResults(PAGE_SIZE)
                        .nextToken(token)
                        .build());
                sink.accept(Ec2InstanceMapping.resourcesOf(response, region));
                return response.nextToken();
            } catch (SdkException e) {
                throw new ConnectorException("page " + page + ": " + reasonOf(e));
            }
        });
    }

    private Ec2Client client(AccountAccess account, URI endpoint, SdkHttpClient http, String region) {
        var builder = Ec2Client.builder()
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.ak(), account.sk())))
                .region(Region.of(region))
                .overrideConfiguration(overrides().toBuilder()
                        .addExecutionInterceptor(new Ec2CallMetrics(context.calls(CloudVendor.AWS)))
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay());
        int retries = retry.maxAttempts() - 1;
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(retry.maxAttempts())
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        .build())
                .apiCallAttemptTimeout(callTimeout)
                // every attempt plus the longest waits between them: the call cannot hang beyond that
                .apiCallTimeout(callTimeout.multipliedBy(retry.maxAttempts())
                        .plus(retry.maxDelay().multipliedBy(retries)))
                .build();
    }

    /**
     * Says briefly why an EC2 call failed, in words fit for failure_msg. A refusal of the
     * credentials ends the whole fetch, since every region would refuse them alike.
     */
    private static String reasonOf(SdkException e) throws ConnectorException, InterruptedException {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the AWS read was interrupted");
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            // The JDK's HttpURLConnection drops the body of a 401 answer to a POST, so EC2's
            // AuthFailure (always HTTP 401) arrives without its code: the status must speak for it.
            if ((code != null && REFUSALS.contains(code)) || status == 401 || status == 403) {
                throw new AccountFailure("AWS refused the account's credentials ("
                        + (Texts.isBlank(code) ? "HTTP " + status : code) + ").");
            }
            return (Texts.isBlank(code) ? "" : code + ", ") + "HTTP " + status + " after " + attemptsOf(e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "timed out";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return "connection failed after " + attemptsOf(e);
            }
        }
        return "the answer could not be parsed";
    }

    private static String attemptsOf(SdkException e) {
        int attempts = e.numAttempts() == null ? 1 : e.numAttempts();
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }
}
