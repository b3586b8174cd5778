package io.cocsync.connectors.aws;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.RegionFailures;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.VendorConnector;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

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
 * <p>Mapping: type {@code instances}; resource_id = InstanceId; name = the {@code Name} tag (else
 * the id); region_id = the region; properties: state (State.Name), size (InstanceType), image
 * (ImageId), zone (Placement.AvailabilityZone), private_ips, public_ips, tags, created_time
 * (LaunchTime), vpc_id, subnet_id.
 */
public final class AwsEc2Connector implements VendorConnector {

    static final String TYPE = "instances";
    static final int PAGE_SIZE = 1000;
    static final String REGIONS_HOME = "us-east-1";

    /** Error codes by which EC2 says the credentials (or their permissions) are not accepted. */
    private static final Set<String> REFUSALS = Set.of(
            "AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken", "AccessDenied");

    private final RetryPolicy retry;
    private final Duration callTimeout;

    /**
     * @param retry attempts and backoff of every EC2 call (the SDK's standard strategy does the retrying)
     * @param callTimeout the limit of one HTTP attempt
     */
    public AwsEc2Connector(RetryPolicy retry, Duration callTimeout) {
        this.retry = retry;
        this.callTimeout = callTimeout;
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.AWS;
    }

    @Override
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (isBlank(account.ak()) || isBlank(account.sk())) {
            throw new ConnectorException("An AWS account needs an access key id (ak) and a secret access key (sk).");
        }
        URI endpoint = endpointOf(account);
        // one HTTP client for all regions of this fetch; the EC2 clients do not own it
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(callTimeout)
                .build()) {
            List<String> regions = account.regionIds().isEmpty()
                    ? enabledRegions(account, endpoint, http)
                    : List.copyOf(new LinkedHashSet<>(account.regionIds()));
            RegionFailures failures = new RegionFailures("AWS");
            for (String region : regions) {
                try (Ec2Client ec2 = client(account, endpoint, http, region)) {
                    readRegion(ec2, region, sink, failures);
                }
            }
            failures.throwIfAny(regions.size());
        }
    }

    private List<String> enabledRegions(VendorAccount account, URI endpoint, SdkHttpClient http)
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

    /** Reads one region page by page; a failure of the region is added to {@code failures}. */
    private void readRegion(Ec2Client ec2, String region, ResourceSink sink, RegionFailures failures)
            throws ConnectorException, InterruptedException {
        String token = null;
        int page = 1;
        try {
            do {
                DescribeInstancesResponse response = ec2.describeInstances(DescribeInstancesRequest.builder()
                        .maxResults(PAGE_SIZE)
                        .nextToken(token)
                        .build());
                sink.accept(resourcesOf(response, region));
                String next = response.nextToken();
                if (next != null && next.equals(token)) {
                    failures.add(region, "page " + page + " repeats its NextToken");
                    return;
                }
                token = next;
                page++;
            } while (!isBlank(token));
        } catch (SdkException e) {
            failures.add(region, "page " + page + ": " + reasonOf(e));
        }
    }

    private static List<DiscoveredResource> resourcesOf(DescribeInstancesResponse response, String region) {
        List<DiscoveredResource> resources = new ArrayList<>();
        for (Reservation reservation : response.reservations()) {
            for (Instance instance : reservation.instances()) {
                resources.add(resourceOf(instance, region));
            }
        }
        return resources;
    }

    private static DiscoveredResource resourceOf(Instance instance, String region) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : instance.tags()) {
            tags.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        Set<String> privateIps = new LinkedHashSet<>();
        Set<String> publicIps = new LinkedHashSet<>();
        addIfPresent(privateIps, instance.privateIpAddress());
        addIfPresent(publicIps, instance.publicIpAddress());
        for (InstanceNetworkInterface nic : instance.networkInterfaces()) {
            for (InstancePrivateIpAddress address : nic.privateIpAddresses()) {
                addIfPresent(privateIps, address.privateIpAddress());
                if (address.association() != null) {
                    addIfPresent(publicIps, address.association().publicIp());
                }
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfPresent(properties, "state", instance.state() == null ? null : instance.state().nameAsString());
        putIfPresent(properties, "size", instance.instanceTypeAsString());
        putIfPresent(properties, "image", instance.imageId());
        putIfPresent(properties, "zone", instance.placement() == null ? null
                : instance.placement().availabilityZone());
        properties.put("private_ips", List.copyOf(privateIps));
        properties.put("public_ips", List.copyOf(publicIps));
        properties.put("tags", tags);
        putIfPresent(properties, "created_time", instance.launchTime() == null ? null
                : instance.launchTime().toString());
        putIfPresent(properties, "vpc_id", instance.vpcId());
        putIfPresent(properties, "subnet_id", instance.subnetId());
        String name = tags.getOrDefault("Name", "");
        return new DiscoveredResource(TYPE, instance.instanceId(), name.isEmpty() ? instance.instanceId() : name,
                region, properties);
    }

    private Ec2Client client(VendorAccount account, URI endpoint, SdkHttpClient http, String region) {
        var builder = Ec2Client.builder()
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.ak(), account.sk())))
                .region(Region.of(region))
                .overrideConfiguration(overrides());
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
                throw new ConnectorException("AWS refused the account's credentials ("
                        + (isBlank(code) ? "HTTP " + status : code) + ").");
            }
            return (isBlank(code) ? "" : code + ", ") + "HTTP " + status + " after " + attemptsOf(e);
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

    private static URI endpointOf(VendorAccount account) throws ConnectorException {
        if (isBlank(account.endpoint())) {
            return null;
        }
        try {
            URI uri = URI.create(account.endpoint());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("The account's endpoint is not a valid URL.");
        }
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (!isBlank(value)) {
            values.add(value);
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
