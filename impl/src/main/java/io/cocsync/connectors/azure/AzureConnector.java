package io.cocsync.connectors.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.Lazy;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorJson;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The connector of vendor AZURE: reads the virtual machines of one subscription with a single
 * Azure Resource Graph query, signed in as an application (service principal) with a client
 * secret through azure-identity.
 *
 * <pre>
 * POST {authority}/{tenant_id}/oauth2/v2.0/token       client credentials: ak = client id, sk = client secret
 * POST {arm}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01
 *      Resources | where type =~ 'microsoft.compute/virtualmachines' [| where location in~ (...)]
 *      | project id, name, location, resourceGroup, zones, tags, properties | order by id asc
 *      $top=1000 [$skipToken=...]                      (until no $skipToken)
 * </pre>
 * The authority is https://login.microsoftonline.com and ARM https://management.azure.com; an
 * account's {@code endpoint} replaces both (one base URL serving the token endpoint and ARM, as the
 * stub does; it must be https, which azure-identity requires of an authority). The account's
 * region_ids are Azure locations (eastus, westeurope) and narrow the query; without them every
 * location is read. Each page goes to the sink as it arrives. Throttling (429, honoring
 * Retry-After as azure-core does, uncapped), server errors and broken connections are retried by
 * azure-core's retry policy, bounded by the {@link RetryPolicy}, for the token and the queries alike.
 *
 * <p>Mapping: type {@code virtualMachines}; resource_id = properties.vmId (the VM's GUID: stable,
 * and unlike the ARM id always short enough for the inventory); name = name; region_id =
 * location; properties: state (the power state code without its {@code PowerState/} prefix, from
 * the properties.extended.instanceView Resource Graph keeps; else provisioningState), size
 * (hardwareProfile.vmSize), image (imageReference publisher:offer:sku:version, or its id for a
 * custom image), zone (zones[0]), tags, created_time (timeCreated), resource_group, os_type,
 * provisioning_state, arm_id. IP addresses live on network interfaces, which would take a join
 * per page, so they are left out.
 */
public final class AzureConnector implements VendorConnector {

    static final String TYPE = "virtualMachines";
    static final int PAGE_SIZE = 1000;
    private static final String AUTHORITY = "https://login.microsoftonline.com";
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9]+");
    private static final String POWER_STATE_PREFIX = "PowerState/";

    private final RetryPolicy retry;
    /** Made at the first sync, as TLS is set up then: see {@link Lazy}. */
    private final Lazy<HttpClient> http;
    private final ObjectMapper json = VendorJson.create();

    /** With the JVM's trusted certificate authorities. */
    public AzureConnector(RetryPolicy retry, Duration callTimeout) {
        this(retry, callTimeout, AzureConnector::defaultTls);
    }

    /**
     * @param retry attempts and backoff of every call (azure-core's retry policy does the retrying)
     * @param callTimeout the limit of one HTTP attempt
     * @param tls whom to trust: a stub's own certificate, in tests and the demo mode
     */
    public AzureConnector(RetryPolicy retry, Duration callTimeout, SSLContext tls) {
        this(retry, callTimeout, () -> tls);
    }

    private AzureConnector(RetryPolicy retry, Duration callTimeout, Supplier<SSLContext> tls) {
        this.retry = retry;
        this.http = new Lazy<>(() -> new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder().sslContext(tls.get()))
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(callTimeout)
                // a body that stops coming between reads is bounded by the same setting, not azure-core's default
                .readTimeout(callTimeout)
                .build());
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.AZURE;
    }

    @Override
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        if (isBlank(account.ak()) || isBlank(account.sk())) {
            throw new ConnectorException("An AZURE account needs the application (client) id as ak and a client"
                    + " secret as sk.");
        }
        if (isBlank(account.tenantId()) || isBlank(account.subscriptionId())) {
            throw new ConnectorException("An AZURE account needs a tenant_id (the directory id) and a"
                    + " subscription_id (the subscription to read).");
        }
        ResourceGraphManager graph = graphOf(account);
        String query = queryOf(account.regionIds());
        String skipToken = null;
        int page = 1;
        do {
            QueryResponse response = query(graph, account, query, skipToken, page);
            sink.accept(resourcesOf(response.data(), page));
            String next = response.skipToken();
            if (isBlank(next) && response.resultTruncated() == ResultTruncated.TRUE) {
                throw new ConnectorException("Azure Resource Graph cut the virtual machines short at page " + page
                        + " without a $skipToken to go on.");
            }
            if (next != null && next.equals(skipToken)) {
                throw new ConnectorException("Azure Resource Graph page " + page + " repeats its $skipToken.");
            }
            skipToken = next;
            page++;
        } while (!isBlank(skipToken));
    }

    private ResourceGraphManager graphOf(VendorAccount account) throws ConnectorException {
        String endpoint = endpointOf(account);
        ClientSecretCredentialBuilder credential = new ClientSecretCredentialBuilder()
                .tenantId(account.tenantId())
                .clientId(account.ak())
                .clientSecret(account.sk())
                .httpClient(http.get())
                .addPolicy(new LeaveContentLengthToTheJdk())
                .retryOptions(retryOptions());
        AzureEnvironment environment = AzureEnvironment.AZURE;
        if (endpoint != null) {
            // the instance discovery service knows only Microsoft's own authorities
            credential.authorityHost(endpoint).disableInstanceDiscovery();
            Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
            endpoints.put("resourceManagerEndpointUrl", endpoint);
            endpoints.put("activeDirectoryEndpointUrl", endpoint);
            environment = new AzureEnvironment(endpoints);
        }
        TokenCredential signedIn;
        try {
            signedIn = credential.build();
        } catch (IllegalArgumentException e) {
            // azure-identity checks the tenant id's characters before any call
            throw new ConnectorException("The account's tenant_id is not a valid Azure tenant id.");
        }
        return ResourceGraphManager.configure()
                .withHttpClient(http.get())
                .withPolicy(new LeaveContentLengthToTheJdk())
                .withRetryOptions(retryOptions())
                .authenticate(signedIn, new AzureProfile(account.tenantId(), account.subscriptionId(), environment));
    }

    private QueryResponse query(ResourceGraphManager graph, VendorAccount account, String query, String skipToken,
            int page) throws ConnectorException, InterruptedException {
        try {
            return graph.resourceProviders().resources(new QueryRequest()
                    .withSubscriptions(List.of(account.subscriptionId()))
                    .withQuery(query)
                    .withOptions(new QueryRequestOptions()
                            .withTop(PAGE_SIZE)
                            .withSkipToken(skipToken)
                            .withResultFormat(ResultFormat.OBJECT_ARRAY)));
        } catch (RuntimeException e) {
            throw failureOf(e, account, page);
        }
    }

    /** Says why a call failed, in words fit for failure_msg; never with the secret. */
    private ConnectorException failureOf(RuntimeException e, VendorAccount account, int page)
            throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || causeOf(e, InterruptedException.class) != null) {
            throw new InterruptedException("the Azure read was interrupted");
        }
        MsalServiceException refusal = causeOf(e, MsalServiceException.class);
        if (refusal != null) {
            Integer status = refusal.statusCode();
            if (status != null && (status == 429 || status >= 500)) {
                return new ConnectorException("The Microsoft identity platform kept failing (HTTP " + status
                        + " after " + attempts() + ").");
            }
            return new ConnectorException("Azure refused the account's credentials ("
                    + (isBlank(refusal.errorCode()) ? "HTTP " + status : refusal.errorCode()) + ").");
        }
        if (causeOf(e, SSLHandshakeException.class) != null) {
            return new ConnectorException("The Azure endpoint presented a TLS certificate this server does not"
                    + " trust; add its CA to the JVM's trust store.");
        }
        String where = "Could not read the virtual machines of Azure subscription " + account.subscriptionId()
                + " (page " + page + ": ";
        if (e instanceof ManagementException arm && arm.getValue() != null) {
            int status = arm.getResponse().getStatusCode();
            String code = arm.getValue().getCode();
            if ("AuthorizationFailed".equals(code) || status == 403) {
                return new ConnectorException("The Azure application may not read subscription "
                        + account.subscriptionId() + ": give it the Reader role there (" + code + ").");
            }
            if (status == 401) {
                return new ConnectorException("Azure Resource Manager refused the account's access token ("
                        + code + ").");
            }
            return new ConnectorException(where + code + ", HTTP " + status + retried(status) + ").");
        }
        if (e instanceof HttpResponseException response && response.getResponse() != null) {
            int status = response.getResponse().getStatusCode();
            return new ConnectorException(where + (status == 200 ? "the answer could not be parsed"
                    : "HTTP " + status + retried(status)) + ").");
        }
        if (causeOf(e, IOException.class) != null) {
            return new ConnectorException(where + "connection failed after " + attempts() + ").");
        }
        return new ConnectorException(where + "the answer could not be parsed).");
    }

    private List<DiscoveredResource> resourcesOf(Object data, int page) throws ConnectorException {
        JsonNode rows = json.valueToTree(data);
        if (!rows.isArray()) {
            throw new ConnectorException("Azure Resource Graph page " + page + " holds no list of virtual machines.");
        }
        List<DiscoveredResource> resources = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            resources.add(resourceOf(row, page));
        }
        return resources;
    }

    private static DiscoveredResource resourceOf(JsonNode row, int page) throws ConnectorException {
        JsonNode vm = row.path("properties");
        String vmId = vm.path("vmId").asText("");
        if (vmId.isEmpty()) {
            throw new ConnectorException("Azure Resource Graph page " + page + " holds a virtual machine without"
                    + " a vmId: " + row.path("id").asText("(no id either)") + ".");
        }
        Map<String, String> tags = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            tags.put(tag.getKey(), tag.getValue().asText(""));
        }
        String provisioningState = text(vm.path("provisioningState"));
        String powerState = text(vm.path("extended").path("instanceView").path("powerState").path("code"));
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfPresent(properties, "state", powerState == null ? provisioningState
                : powerState.startsWith(POWER_STATE_PREFIX) ? powerState.substring(POWER_STATE_PREFIX.length())
                : powerState);
        putIfPresent(properties, "size", text(vm.path("hardwareProfile").path("vmSize")));
        putIfPresent(properties, "image", imageOf(vm.path("storageProfile").path("imageReference")));
        putIfPresent(properties, "zone", text(row.path("zones").path(0)));
        properties.put("tags", tags);
        putIfPresent(properties, "created_time", text(vm.path("timeCreated")));
        putIfPresent(properties, "resource_group", text(row.path("resourceGroup")));
        putIfPresent(properties, "os_type", text(vm.path("storageProfile").path("osDisk").path("osType")));
        putIfPresent(properties, "provisioning_state", provisioningState);
        putIfPresent(properties, "arm_id", text(row.path("id")));
        String name = text(row.path("name"));
        return new DiscoveredResource(TYPE, vmId, name == null ? vmId : name, text(row.path("location")),
                properties);
    }

    /** publisher:offer:sku:version of a Marketplace image; the resource id of a custom or gallery image. */
    private static String imageOf(JsonNode reference) {
        String offer = text(reference.path("offer"));
        if (offer == null) {
            return text(reference.path("id"));
        }
        return String.join(":", reference.path("publisher").asText(""), offer, reference.path("sku").asText(""),
                reference.path("version").asText(""));
    }

    private static String queryOf(List<String> regionIds) throws ConnectorException {
        StringBuilder query = new StringBuilder("Resources | where type =~ 'microsoft.compute/virtualmachines'");
        if (!regionIds.isEmpty()) {
            LinkedHashSet<String> locations = new LinkedHashSet<>();
            for (String region : regionIds) {
                String location = region.trim().toLowerCase();
                if (!LOCATION.matcher(location).matches()) {
                    throw new ConnectorException("The region " + region + " is not an Azure location name"
                            + " (like eastus or westeurope).");
                }
                locations.add(location);
            }
            query.append(" | where location in~ (")
                    .append(locations.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", ")))
                    .append(")");
        }
        // a stable order is what keeps $skipToken paging from skipping or repeating VMs
        return query.append(" | project id, name, location, resourceGroup, zones, tags, properties")
                .append(" | order by id asc")
                .toString();
    }

    private RetryOptions retryOptions() {
        return new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(retry.maxAttempts() - 1)
                .setBaseDelay(retry.baseDelay())
                .setMaxDelay(retry.maxDelay()))
                // A failed sign-in reaches ARM's retry policy as an exception. The identity
                // platform's answer is final there: its throttling and server errors were already
                // retried by the credential's own pipeline, and a refusal stays a refusal.
                .setShouldRetryCondition(condition -> condition.getResponse() != null
                        ? isRetried(condition.getResponse().getStatusCode())
                        : causeOf(condition.getThrowable(), MsalServiceException.class) == null
                                && causeOf(condition.getThrowable(), SSLHandshakeException.class) == null);
    }

    /** The statuses azure-core retries by default: 408, 429 and the 5xx but 501 and 505. */
    private static boolean isRetried(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private String retried(int status) {
        return isRetried(status) ? " after " + attempts() : "";
    }

    private String attempts() {
        return retry.maxAttempts() + (retry.maxAttempts() == 1 ? " attempt" : " attempts");
    }

    private static String endpointOf(VendorAccount account) throws ConnectorException {
        if (isBlank(account.endpoint())) {
            return null;
        }
        try {
            URI uri = URI.create(account.endpoint().trim());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute https URL");
            }
            String endpoint = uri.toString();
            return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("The account's endpoint must be an https URL serving both the Microsoft"
                    + " identity platform and Azure Resource Manager, like " + AUTHORITY + ".");
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The JDK's HTTP client computes Content-Length itself and refuses the header; azure-core
     * sets it anyway, and its JDK client then logs a warning for every request that has a body.
     */
    private static final class LeaveContentLengthToTheJdk extends HttpPipelineSyncPolicy {
        @Override
        protected void beforeSendingRequest(HttpPipelineCallContext context) {
            context.getHttpRequest().getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
        }
    }
}
