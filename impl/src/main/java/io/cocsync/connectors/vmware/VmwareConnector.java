package io.cocsync.connectors.vmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.AccountAccess;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.ConnectorFactory;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.Endpoints;
import io.cocsync.connectors.RegionalFetch;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorHttp;
import io.cocsync.connectors.vmware.VcenterClient.Answer;
import io.cocsync.connectors.vmware.VcenterVmMapping.Datacenter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connector of vendor VMWARE: reads the virtual machines of a vCenter Server through its
 * Automation REST API. The account's {@code endpoint} is the vCenter base URL, {@code ak} the
 * user name, {@code sk} the password; {@code region_ids}, if given, name the datacenters to read.
 *
 * <pre>
 * GET /api/vcenter/datacenter                       → [{"datacenter", "name"}]         ("regions")
 * GET /api/vcenter/vm?datacenters={dc}              → [{"vm", "name", "power_state", "cpu_count", "memory_size_MiB"}]
 *     …&amp;power_states={state}                       when the datacenter has more than 4,000 VMs
 * GET /api/vcenter/host?datacenters={dc}            → [{"host", "name"}]
 * GET /api/vcenter/vm?hosts={host}&amp;power_states={s} when even one power state has more than 4,000
 * </pre>
 * vCenter's VM list has no paging and refuses more than 4,000 results (400
 * UNABLE_TO_ALLOCATE_RESOURCE), hence the narrowing. What is read goes to the sink in pages of
 * {@value #PAGE_SIZE}. Optionally ({@link VmDetailReader}) each VM's details add its guest OS and
 * IP address. A datacenter that fails does not stop the others; the fetch then ends with an
 * exception naming it.
 *
 * <p>The mapping is {@link VcenterVmMapping}'s.
 */
public final class VmwareConnector implements VendorConnector {

    static final int PAGE_SIZE = 500;
    static final List<String> POWER_STATES = List.of("POWERED_ON", "POWERED_OFF", "SUSPENDED");
    private static final String TOO_MANY_RESULTS = "UNABLE_TO_ALLOCATE_RESOURCE";

    /** Detail calls in flight per account when details are read. */
    static final int DETAIL_PARALLELISM = 8;
    /**
     * Makes the connector of vendor VMWARE, with each VM's details: image and IPs are part of the
     * shared mapping, worth two calls per running VM.
     */
    public static final ConnectorFactory FACTORY = factory(DETAIL_PARALLELISM);

    private final VendorHttp http;
    private final ObjectMapper json;
    private final int detailParallelism;

    private VmwareConnector(VendorHttp http, ObjectMapper json, int detailParallelism) {
        this.http = http;
        this.json = json;
        this.detailParallelism = detailParallelism;
    }

    /**
     * Makes connectors with {@code detailParallelism} detail calls in flight per account; 0: the VM
     * lists only (fast at any size, but no guest OS or IPs).
     */
    public static ConnectorFactory factory(int detailParallelism) {
        return ConnectorFactory.of(CloudVendor.VMWARE, context -> detailParallelism > 0
                ? withVmDetails(context.http(CloudVendor.VMWARE), context.json(), detailParallelism)
                : listsOnly(context.http(CloudVendor.VMWARE), context.json()));
    }

    /**
     * Reads the VM lists only (one call per datacenter; past 4,000 VMs, one per power state and
     * then per host): fast at any size, but no guest OS or IPs.
     */
    static VmwareConnector listsOnly(VendorHttp http, ObjectMapper json) {
        return new VmwareConnector(http, json, 0);
    }

    /**
     * Also reads each VM's details (one to three calls per VM, see {@link VmDetailReader}) with at
     * most {@code parallelism} calls in flight, for image and private_ips.
     */
    static VmwareConnector withVmDetails(VendorHttp http, ObjectMapper json, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        return new VmwareConnector(http, json, parallelism);
    }

    @Override
    public CloudVendor vendor() {
        return CloudVendor.VMWARE;
    }

    @Override
    public void fetch(AccountAccess account, ResourceSink sink) throws ConnectorException, InterruptedException {
        String base = baseUrl(account.endpoint());
        if (account.ak() == null || account.sk() == null) {
            throw new ConnectorException("A VMWARE account needs ak (the vCenter user name) and sk (its password).");
        }
        try (VcenterClient vcenter = VcenterClient.signIn(http, json, base, account.ak(), account.sk());
                VmDetailReader details = detailParallelism > 0
                        ? new VmDetailReader(vcenter, detailParallelism) : null) {
            RegionalFetch.readAll("VMware", "datacenter", datacenters(vcenter, account.regionIds()),
                    Datacenter::name, datacenter -> {
                        Pages pages = new Pages(datacenter, details, sink);
                        readDatacenter(vcenter, datacenter, pages);
                        pages.flush();
                    });
        }
    }

    private record Host(String id, String name) {}

    private List<Datacenter> datacenters(VcenterClient vcenter, List<String> wanted)
            throws ConnectorException, InterruptedException {
        JsonNode list = vcenter.getOk("/api/vcenter/datacenter", "vCenter's datacenter list");
        List<Datacenter> all = new ArrayList<>();
        for (JsonNode item : array(list, "vCenter's datacenter list")) {
            all.add(new Datacenter(item.path("datacenter").asText(), item.path("name").asText()));
        }
        if (wanted.isEmpty()) {
            return all;
        }
        Map<String, Datacenter> byName = all.stream()
                .collect(Collectors.toMap(Datacenter::name, dc -> dc, (first, second) -> first, LinkedHashMap::new));
        List<String> unknown = wanted.stream().filter(name -> !byName.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new ConnectorException("vCenter has no datacenter named " + String.join(", ", unknown)
                    + " (it has " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ").");
        }
        return wanted.stream().distinct().map(byName::get).toList();
    }

    /** Lists the datacenter's VMs in as few calls as vCenter's 4,000-result limit allows. */
    private void readDatacenter(VcenterClient vcenter, Datacenter datacenter, Pages pages)
            throws ConnectorException, InterruptedException {
        String inDatacenter = "datacenters=" + encode(datacenter.id());
        String allWhat = "vCenter's VM list of datacenter " + datacenter.name();
        Optional<JsonNode> all = listVms(vcenter, inDatacenter, allWhat);
        if (all.isPresent()) {
            pages.add(all.get(), null, allWhat);
            return;
        }
        List<Host> hosts = null;
        for (String state : POWER_STATES) {
            String what = "vCenter's " + state + " VM list of datacenter " + datacenter.name();
            Optional<JsonNode> inState = listVms(vcenter, inDatacenter + "&power_states=" + state, what);
            if (inState.isPresent()) {
                pages.add(inState.get(), null, what);
                continue;
            }
            hosts = hosts != null ? hosts : hosts(vcenter, datacenter);
            for (Host host : hosts) {
                String onHostWhat = "vCenter's " + state + " VM list of host " + host.name();
                JsonNode onHost = listVms(vcenter, "hosts=" + encode(host.id()) + "&power_states=" + state, onHostWhat)
                        .orElseThrow(() -> new ConnectorException("vCenter lists more than 4,000 " + state
                                + " VMs on host " + host.name() + "; they cannot be read in smaller parts."));
                pages.add(onHost, host.name(), onHostWhat);
            }
        }
    }

    /** The VM summaries matching {@code filter}, or empty when vCenter says they are too many for one answer. */
    private Optional<JsonNode> listVms(VcenterClient vcenter, String filter, String what)
            throws ConnectorException, InterruptedException {
        Answer answer = vcenter.get("/api/vcenter/vm?" + filter, what);
        if (answer.status() == 400 && TOO_MANY_RESULTS.equals(answer.errorType())) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw VcenterClient.unexpected(answer, what);
        }
        return Optional.of(array(answer.body(), what));
    }

    private List<Host> hosts(VcenterClient vcenter, Datacenter datacenter)
            throws ConnectorException, InterruptedException {
        String what = "vCenter's host list of datacenter " + datacenter.name();
        JsonNode list = vcenter.getOk("/api/vcenter/host?datacenters=" + encode(datacenter.id()), what);
        List<Host> hosts = new ArrayList<>();
        for (JsonNode item : array(list, what)) {
            hosts.add(new Host(item.path("host").asText(), item.path("name").asText()));
        }
        return hosts;
    }

    /** Collects VM summaries into pages, adds details if wanted, and hands each full page to the sink. */
    private static final class Pages {
        private final Datacenter datacenter;
        private final VmDetailReader details;
        private final ResourceSink sink;
        private final Set<String> seen = new HashSet<>();
        private final List<VmSummary> pending = new ArrayList<>();

        Pages(Datacenter datacenter, VmDetailReader details, ResourceSink sink) {
            this.datacenter = datacenter;
            this.details = details;
            this.sink = sink;
        }

        void add(JsonNode summaries, String host, String what) throws ConnectorException, InterruptedException {
            for (JsonNode item : summaries) {
                String id = item.path("vm").asText("");
                if (id.isEmpty()) {
                    throw new ConnectorException(what + " has an entry without a VM id.");
                }
                // a VM that changes power state or host while the parts are listed can show up twice
                if (seen.add(id)) {
                    pending.add(new VmSummary(id, item, host));
                }
                if (pending.size() == PAGE_SIZE) {
                    flush();
                }
            }
        }

        void flush() throws ConnectorException, InterruptedException {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, VcenterVmMapping.Details> read = details == null ? Map.of() : details.read(pending);
            List<DiscoveredResource> page = new ArrayList<>(pending.size());
            for (VmSummary vm : pending) {
                page.add(VcenterVmMapping.toResource(vm.row(), vm.host(), datacenter, read.get(vm.id())));
            }
            pending.clear();
            sink.accept(page);
        }
    }

    /** One row of vCenter's VM list, and the host it was listed under if the listing went by host. */
    record VmSummary(String id, JsonNode row, String host) {
        String powerState() {
            return row.path("power_state").asText(null);
        }
    }

    static JsonNode array(JsonNode body, String what) throws ConnectorException {
        if (!body.isArray()) {
            throw new ConnectorException(what + " is not a JSON array.");
        }
        return body;
    }

    private static String baseUrl(String endpoint) throws ConnectorException {
        String problem = "A VMWARE account needs an endpoint: the vCenter base URL, like https://vcenter.example.com.";
        URI uri = Endpoints.required(endpoint, problem);
        if (uri.getQuery() != null) {
            throw new ConnectorException(problem);
        }
        return Endpoints.base(uri);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
