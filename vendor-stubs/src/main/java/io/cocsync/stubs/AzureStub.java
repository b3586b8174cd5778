package io.cocsync.stubs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The two Azure services a Resource Graph read talks to, on one HTTPS port:
 *
 * <pre>
 * POST /{tenant}/oauth2/v2.0/token                      Microsoft identity platform, client credentials grant
 * POST /providers/Microsoft.ResourceGraph/resources     Resource Graph query (api-version 2021-03-01), bearer token
 * </pre>
 * The fleet is the virtual machines of one subscription, a fleet region being an Azure location.
 * A query is answered in the objectArray format, {@code $top} rows at a time; the
 * {@code $skipToken} encodes the offset of the next row, so a fleet of a million costs no memory.
 * Only the query's {@code where location in~ (...)} filter is interpreted; VMs come in fleet order.
 * A page that holds VMs of a failing region is answered 500.
 *
 * <p>HTTPS because azure-identity accepts only an https authority host. A TLS relay in front of
 * the shared plain-HTTP server terminates TLS with a built-in self-signed certificate for
 * 127.0.0.1, so the shared fault injection (connection resets included) passes through unchanged;
 * clients trust that certificate through {@link #clientTls()}.
 */
public final class AzureStub extends VendorStub {

    public static final String CLIENT_ID = "3f2b8c1e-6a4d-4e8f-9b07-5c1d2e3f4a5b";
    public static final String CLIENT_SECRET = "Qx8~stub.azure-client-secret_0123456789";
    public static final String TENANT_ID = "8d1e4f2a-7b3c-4d5e-a6f7-0b1c2d3e4f50";
    public static final String SUBSCRIPTION_ID = "c0ffee00-1234-4abc-8def-0123456789ab";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String RESOURCES_PATH = "/providers/Microsoft.ResourceGraph/resources";
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern LOCATION_FILTER = Pattern.compile("where\\s+location\\s+in~?\\s*\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final String SKIP_TOKEN_PREFIX = "vm-offset:";
    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 1000;
    private static final Map<String, String> VM_SIZES = Map.of(
            "small", "Standard_B1s", "medium", "Standard_D2s_v5",
            "large", "Standard_D4s_v5", "xlarge", "Standard_D8s_v5");
    /** publisher, offer, sku of each fleet image, as the Azure Marketplace names them. */
    private static final Map<String, String[]> IMAGES = Map.of(
            "debian-12", new String[] {"Debian", "debian-12", "12-gen2"},
            "ubuntu-24.04", new String[] {"Canonical", "ubuntu-24_04-lts", "server"},
            "rhel-9", new String[] {"RedHat", "RHEL", "9-lvm-gen2"},
            "windows-2022", new String[] {"MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition"});

    /**
     * A throwaway PKCS12 key store (password {@value #KEYSTORE_PASSWORD}) holding an EC P-256 key
     * and a self-signed certificate for IP 127.0.0.1 and localhost, valid until 2126, made with
     * {@code keytool -genkeypair -keyalg EC -groupname secp256r1 -ext SAN=ip:127.0.0.1,dns:localhost}.
     * It protects nothing: it only lets the stub speak HTTPS on the loopback interface.
     */
    private static final String KEYSTORE = "MIIEWAIBAzCCBAIGCSqGSIb3DQEHAaCCA/MEggPvMIID6zCCATIGCSqGSIb3DQEHAaCCASMEggEfMIIBGzCCARcGCyqGSIb3"
            + "DQEMCgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBSwBg5QW6LBurYj7/VEb3bq7DYDUwICJxACASAw"
            + "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEED8GZMhRM5EstCPkXKdnHBgEUB4wbsEbmDEVdhQeqxazkHuaiNC+waP1IFdQ"
            + "r/1c+eyA+Sgua4MfKbI0Gv+RiN+rTAsisxqhowHgJZo8+fC5KH5UuSVgq4/szUeu0cMkcoR5MUgwIwYJKoZIhvcNAQkUMRYe"
            + "FABhAHoAdQByAGUALQBzAHQAdQBiMCEGCSqGSIb3DQEJFTEUBBJUaW1lIDE3OTU2MTEyNjQ0MjEwggKxBgkqhkiG9w0BBwag"
            + "ggKiMIICngIBADCCApcGCSqGSIb3DQEHATBmBgkqhkiG9w0BBQ0wWTA4BgkqhkiG9w0BBQwwKwQUB7k6GpASvKdp4cO+j4VI"
            + "x5Kjr+8CAicQAgEgMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBAbautShDsmPf8kx7htznkngIICIFGo0HRjXCduv7Dw"
            + "jU4SJcKUI0+TRXPaNVOQFD7CgpAzM7BlzOcPpwHV1m7wcQODJQ9rBoVzhjdfnRZAhrf9BFSWMDbyYrbErc1bxVliL+YQ9euh"
            + "6rgZ9PR4x/Om963izblfLImOPugmdT1PkBVmzBx+qKSMIS6MKHBpjcTeBEshQBO2Kx71ZoDaFatT4dx5TpH0j1hbFV0Uiajf"
            + "EStPPt/UD2HreOeBq5w4RSDT9S1wByTTHAJqaXYJSrlXwQR/Wrg7t9Ymmg5F91oMaRfVxiny9z0WIFq6l/HKxwpG3V6i1BQT"
            + "W6nwuKj39m+E/kDo87rVJqeEFVDv57BV4wYnMZDVYHlv3wuJSmesnU3sIcRBzPhkwz3mLrTpddYzQCvAz+sgJXq/4P/uhqId"
            + "5nKiyHBsehmw5JY810pNFyF6uRVzH/WjJBQkVJL2OlRj41h1n7vqvOKDca+3OrwJsZ47QBqoIRr3bW3mGow3ez/JIfSYQzWc"
            + "80LgfTqu92nxwrEdPj/9qXFF+yTJOe57OtA9kMk1534XfO1/qKrUA2K4/ZtV/z+e9Ahn0PrZwLPsIhyNobpA59voCE+MFl0E"
            + "LaRwUpZddSOsOXfg+iFpJBx8GdDpmuG1o1dA/MzXIq9MGaw8UyXWIDj1DYqHX3v+PA6M66DhHlemTAOicCKU94K4H6K5QbzX"
            + "f5fQKK4Z7zAGWy7UaAeuYrcujXMpVzLxhSY7kIEwTTAxMA0GCWCGSAFlAwQCAQUABCAvy3VSRArvxumvoLfG3rf2xk2E+tk3"
            + "EQs6l5XnQm4wIAQUvd+j51OLXHMPQjQmVwcHMzTNHVUCAicQ";
    private static final String KEYSTORE_PASSWORD = "azure-stub";

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final KeyStore keyStore = loadKeyStore();
    private final TlsRelay tls;

    public AzureStub(Fleet fleet) {
        super(fleet, StubVendor.AZURE, CLIENT_ID, CLIENT_SECRET);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEYSTORE_PASSWORD.toCharArray());
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(keys.getKeyManagers(), null, null);
            tls = new TlsRelay(serverTls, URI.create(baseUrl()).getPort());
        } catch (GeneralSecurityException | IOException e) {
            super.close();
            throw new IllegalStateException("the Azure stub cannot serve HTTPS", e);
        }
    }

    /** The authority host and the Resource Manager endpoint at once. */
    @Override
    public String endpoint() {
        return "https://127.0.0.1:" + tls.port();
    }

    @Override
    public Optional<String> tenantId() {
        return Optional.of(TENANT_ID);
    }

    /** The only subscription the stub's application may read (it has Reader there). */
    public String subscriptionId() {
        return SUBSCRIPTION_ID;
    }

    @Override
    public Optional<String> subscription() {
        return Optional.of(subscriptionId());
    }

    @Override
    public Optional<X509Certificate> certificate() {
        try {
            return Optional.of((X509Certificate) keyStore.getCertificate("azure-stub"));
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the Azure stub's certificate cannot be read", e);
        }
    }

    /** TLS for a client of this stub: trusts the stub's certificate, and nothing else. */
    public SSLContext clientTls() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("azure-stub", keyStore.getCertificate("azure-stub"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the Azure stub's certificate cannot be trusted", e);
        }
    }

    /** Access tokens issued so far. */
    public int tokensIssued() {
        return issuedTokens.size();
    }

    @Override
    public void close() {
        tls.close();
        super.close();
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        String path = URI.create(request.getUrl()).getPath();
        Matcher token = TOKEN_PATH.matcher(path);
        if (RequestMethod.POST.equals(request.getMethod()) && token.matches()) {
            return issueToken(token.group(1), formOf(request.getBodyAsString()));
        }
        if (RequestMethod.POST.equals(request.getMethod()) && path.equalsIgnoreCase(RESOURCES_PATH)) {
            return query(request);
        }
        return armError(404, "NotFound", "No HTTP resource was found that matches the request URI.");
    }

    private ResponseDefinition issueToken(String tenant, Map<String, String> form) {
        if (!tenant.equals(TENANT_ID)) {
            return identityError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return identityError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type.");
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return identityError(400, "unauthorized_client", 700016, "Application with identifier '"
                    + form.get("client_id") + "' was not found in the directory '" + tenant + "'.");
        }
        if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
            return identityError(401, "invalid_client", 7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client"
                            + " secret value, not the client secret ID, for a secret added to app '" + CLIENT_ID + "'.");
        }
        String accessToken = "stub-arm-token-" + UUID.randomUUID();
        issuedTokens.add(accessToken);
        ObjectNode body = json.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_in", 3599)
                .put("ext_expires_in", 3599)
                .put("access_token", accessToken);
        return answer(200, body);
    }

    private ResponseDefinition query(Request request) {
        String authorization = String.valueOf(request.getHeader("Authorization"));
        if (!authorization.startsWith("Bearer ") || !issuedTokens.contains(authorization.substring(7))) {
            return armError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        if (throttleThisRequest()) {
            return ResponseDefinitionBuilder.like(armError(429, "RateLimiting",
                    "Please provide below info when asking for support: timestamp, correlationId.")).but()
                    .withHeader("Retry-After", "0")
                    .build();
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return armError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
        }
        for (JsonNode subscription : body.path("subscriptions")) {
            if (!subscription.asText().equalsIgnoreCase(SUBSCRIPTION_ID)) {
                return armError(403, "AuthorizationFailed", "The client '" + CLIENT_ID + "' does not have"
                        + " authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope"
                        + " '/subscriptions/" + subscription.asText() + "' or the scope is invalid.");
            }
        }
        String kql = body.path("query").asText("");
        if (!kql.toLowerCase().contains("microsoft.compute/virtualmachines")) {
            return armError(400, "BadRequest", "The stub answers only queries of virtual machines.");
        }
        JsonNode options = body.path("options");
        int top = options.path("$top").asInt(DEFAULT_TOP);
        long offset;
        try {
            offset = offsetOf(options.path("$skipToken").asText(null));
        } catch (IllegalArgumentException e) {
            return armError(400, "InvalidSkipToken", "The skip token is not valid.");
        }
        if (top < 1 || top > MAX_TOP) {
            return armError(400, "BadRequest", "$top must be between 1 and " + MAX_TOP + ".");
        }
        return page(locationsOf(kql), offset, top);
    }

    private ResponseDefinition page(List<String> locations, long offset, int top) {
        Fleet fleet = fleet();
        long total = (long) locations.size() * fleet.perRegion();
        long end = Math.min(total, offset + top);
        ArrayNode rows = json.createArrayNode();
        for (long row = offset; row < end; row++) {
            String location = locations.get((int) (row / fleet.perRegion()));
            if (isFailingRegion(location)) {
                return regionFailure(JSON, armErrorBody("InternalServerError",
                        "Encountered internal server error. Please try again."));
            }
            rows.add(vmRow(fleet.machine(location, (int) (row % fleet.perRegion()))));
        }
        ObjectNode response = json.createObjectNode()
                .put("totalRecords", total)
                .put("count", rows.size())
                .put("resultTruncated", "false");
        if (end < total) {
            response.put("$skipToken", Base64.getUrlEncoder().encodeToString(
                    (SKIP_TOKEN_PREFIX + end).getBytes(StandardCharsets.UTF_8)));
        }
        response.set("data", rows);
        return answer(200, response);
    }

    /** The query's locations that the fleet has, in fleet order; all of them without a filter. */
    private List<String> locationsOf(String kql) {
        List<String> regions = fleet().regions();
        Matcher filter = LOCATION_FILTER.matcher(kql);
        if (!filter.find()) {
            return regions;
        }
        List<String> named = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(filter.group(1));
        while (quoted.find()) {
            named.add(quoted.group(1).toLowerCase());
        }
        return regions.stream().filter(named::contains).toList();
    }

    private ObjectNode vmRow(Fleet.Machine machine) {
        String resourceGroup = "rg-" + machine.region();
        String[] image = IMAGES.getOrDefault(machine.image(), new String[] {"Canonical", machine.image(), "server"});
        ObjectNode row = json.createObjectNode()
                .put("id", "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                        + "/providers/Microsoft.Compute/virtualMachines/" + machine.name())
                .put("name", machine.name())
                .put("location", machine.region())
                .put("resourceGroup", resourceGroup);
        row.putArray("zones").add(Integer.toString(machine.zone().charAt(machine.zone().length() - 1) - 'a' + 1));
        row.putObject("tags").put("owner", machine.ownerTag());
        ObjectNode properties = row.putObject("properties")
                .put("vmId", vmIdOf(machine.key()))
                .put("provisioningState", "Succeeded")
                .put("timeCreated", machine.created().toString());
        properties.putObject("hardwareProfile").put("vmSize", VM_SIZES.getOrDefault(machine.size(), machine.size()));
        ObjectNode storage = properties.putObject("storageProfile");
        storage.putObject("imageReference")
                .put("publisher", image[0]).put("offer", image[1]).put("sku", image[2]).put("version", "latest")
                .put("exactVersion", "2025.1.0");
        storage.putObject("osDisk")
                .put("osType", machine.image().startsWith("windows") ? "Windows" : "Linux")
                .put("name", machine.name() + "_OsDisk_1");
        properties.putObject("extended").putObject("instanceView").putObject("powerState")
                .put("code", "PowerState/" + machine.state())
                .put("displayStatus", "VM " + machine.state());
        return row;
    }

    /** A stable GUID per machine: its 16-hex-digit key spread over the GUID's groups. */
    private static String vmIdOf(String key) {
        return key.substring(0, 8) + "-" + key.substring(8, 12) + "-4" + key.substring(13, 16) + "-8000-"
                + "0000" + key.substring(8, 16);
    }

    private static long offsetOf(String skipToken) {
        if (skipToken == null || skipToken.isEmpty()) {
            return 0;
        }
        String decoded = new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8);
        if (!decoded.startsWith(SKIP_TOKEN_PREFIX)) {
            throw new IllegalArgumentException("not a skip token of this stub");
        }
        long offset = Long.parseLong(decoded.substring(SKIP_TOKEN_PREFIX.length()));
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        return offset;
    }

    private ResponseDefinition identityError(int status, String error, int code, String description) {
        ObjectNode body = json.createObjectNode()
                .put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description)
                .put("timestamp", "2026-01-01 00:00:00Z")
                .put("trace_id", UUID.randomUUID().toString())
                .put("correlation_id", UUID.randomUUID().toString());
        body.putArray("error_codes").add(code);
        return answer(status, body);
    }

    private ResponseDefinition armError(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", JSON)
                .withBody(armErrorBody(code, message))
                .build();
    }

    private String armErrorBody(String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }

    private static ResponseDefinition answer(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", JSON)
                .withBody(body.toString())
                .build();
    }

    private static KeyStore loadKeyStore() {
        try (InputStream in = new ByteArrayInputStream(Base64.getDecoder().decode(KEYSTORE))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Azure stub's key store cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Terminates TLS on a loopback port and relays the plain bytes to the stub's HTTP port, one
     * backend connection per client connection. When the backend resets a connection, the
     * client's is reset too, so connection faults look the same over HTTPS.
     */
    private static final class TlsRelay implements AutoCloseable {

        private final ServerSocket listener;
        private final int backendPort;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "azure-stub-tls");
            thread.setDaemon(true);
            return thread;
        });

        TlsRelay(SSLContext serverTls, int backendPort) throws IOException {
            this.listener = serverTls.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getLoopbackAddress());
            this.backendPort = backendPort;
            pumps.execute(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    pumps.execute(() -> relay(client));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void relay(Socket client) {
            try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
                open.add(client);
                open.add(backend);
                pumps.execute(() -> pump(client, backend));
                pump(backend, client);
            } catch (IOException e) {
                closeQuietly(client);
            } finally {
                open.remove(client);
            }
        }

        /** Copies until either side ends, then closes both: resetting {@code to} if {@code from} failed. */
        private void pump(Socket from, Socket to) {
            boolean failed = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                failed = true;
            } finally {
                if (failed) {
                    try {
                        to.setSoLinger(true, 0);
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
                closeQuietly(to);
                closeQuietly(from);
                open.remove(from);
                open.remove(to);
            }
        }

        @Override
        public void close() {
            closeQuietly(listener);
            open.forEach(TlsRelay::closeQuietly);
            pumps.shutdownNow();
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on the way out: nothing left to do
            }
        }
    }
}
