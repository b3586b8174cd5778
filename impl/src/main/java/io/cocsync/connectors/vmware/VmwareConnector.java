package io.cocsync.connectors.vmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.connectors.ResourceSink;
import io.cocsync.connectors.VendorConnector;
import io.cocsync.connectors.VendorHttp;
import io.cocsync.connectors.vmware.VcenterClient.Answer;
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
 * <p>Mapping: type {@code vms}; resource_id = the VM id ({@code vm-123}); name = its name;
 * region_id = the datacenter's name; properties: {@code state} (power_state), {@code size}
 * ("N vCPU, M MiB"), {@code cpu_count}, {@code memory_size_mib}, {@code datacenter_id},
 * {@code host} (the ESXi host's name, known when the listing went by host), and with details
 * {@code image} (guest OS), {@code private_ips}, {@code guest_host_name}. vCenter's REST VM list
 * carries no tags or creation time.
 */
public final class VmwareConnector implements VendorConnector {

    static final String TYPE = "vms";
    static final int PAGE_SIZE = 500;
    static final List<String> POWER_STATES = List.of("POWERED_ON", "POWERED_OFF", "SUSPENDED");
    private static final String TOO_MANY_RESULTS = "UNABLE_TO_ALLOCATE_RESOURCE";

    private final VendorHttp http;
    private final ObjectMapper json;
    private final int detailParallelism;

    private VmwareConnector(VendorHttp http, ObjectMapper json, int detailParallelism) {
        this.http = http;
        this.json = json;
        this.detailParallelism = detailParallelism;
    }

    /**
     * Reads the VM lists only (one call per datacenter; past 4,000 VMs, one per power state and
     * then per host): fast at any size, but no guest OS or IPs.
     */
    public static VmwareConnector listsOnly(VendorHttp http, ObjectMapper json) {
        return new VmwareConnector(http, json, 0);
    }

    /**
     * Also reads each VM's details (one to three calls per VM, see {@link VmDetailReader}) with at
     * most {@code parallelism} calls in flight, for image and private_ips.
     */
    public static VmwareConnector withVmDetails(VendorHttp http, ObjectMapper json, int parallelism) {
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
    public void fetch(VendorAccount account, ResourceSink sink) throws ConnectorException, InterruptedException {
        String base = baseUrl(account.endpoint());
        if (account.ak() == null || account.sk() == null) {
            throw new ConnectorException("A VMWARE account needs ak (the vCenter user name) and sk (its password).");
        }
        try (VcenterClient vcenter = VcenterClient.signIn(http, json, base, account.ak(), account.sk());
                VmDetailReader details = detailParallelism > 0
                        ? new VmDetailReader(vcenter, detailParallelism) : null) {
            Map<String, String> failures = new LinkedHashMap<>();
            for (Datacenter datacenter : datacenters(vcenter, account.regionIds())) {
                Pages pages = new Pages(datacenter, details, sink);
                try {
                    readDatacenter(vcenter, datacenter, pages);
                    pages.flush();
                } catch (VcenterClient.SessionLostException e) {
                    throw e;
                } catch (ConnectorException e) {
                    failures.put(datacenter.name(), e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new ConnectorException(failureMessage(failures));
            }
        }
    }

    record Datacenter(String id, String name) {}

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
            Map<String, VmDetailReader.Details> read = details == null ? Map.of() : details.read(pending);
            List<DiscoveredResource> page = new ArrayList<>(pending.size());
            for (VmSummary vm : pending) {
                page.add(toResource(vm, datacenter, read.get(vm.id())));
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

    static DiscoveredResource toResource(VmSummary vm, Datacenter datacenter, VmDetailReader.Details details) {
        JsonNode row = vm.row();
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfKnown(properties, "state", vm.powerState());
        JsonNode cpus = row.path("cpu_count");
        JsonNode memory = row.path("memory_size_MiB");
        if (cpus.isIntegralNumber() && memory.isIntegralNumber()) {
            properties.put("size", cpus.asLong() + " vCPU, " + memory.asLong() + " MiB");
        }
        if (cpus.isIntegralNumber()) {
            properties.put("cpu_count", cpus.asLong());
        }
        if (memory.isIntegralNumber()) {
            properties.put("memory_size_mib", memory.asLong());
        }
        properties.put("datacenter_id", datacenter.id());
        putIfKnown(properties, "host", vm.host());
        if (details != null) {
            putIfKnown(properties, "image", details.image());
            if (!details.privateIps().isEmpty()) {
                properties.put("private_ips", details.privateIps());
            }
            putIfKnown(properties, "guest_host_name", details.guestHostName());
        }
        return new DiscoveredResource(TYPE, vm.id(), row.path("name").asText(null), datacenter.name(), properties);
    }

    private static void putIfKnown(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(key, value);
        }
    }

    static JsonNode array(JsonNode body, String what) throws ConnectorException {
        if (!body.isArray()) {
            throw new ConnectorException(what + " is not a JSON array.");
        }
        return body;
    }

    private static String failureMessage(Map<String, String> failures) {
        if (failures.size() == 1) {
            Map.Entry<String, String> only = failures.entrySet().iterator().next();
            return "Datacenter " + only.getKey() + " could not be read: " + only.getValue();
        }
        return "Datacenters " + String.join(", ", failures.keySet()) + " could not be read. "
                + failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    private static String baseUrl(String endpoint) throws ConnectorException {
        String problem = "A VMWARE account needs an endpoint: the vCenter base URL, like https://vcenter.example.com.";
        if (endpoint == null) {
            throw new ConnectorException(problem);
        }
        String base = endpoint.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(base);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getQuery() != null) {
                throw new ConnectorException(problem);
            }
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(problem);
        }
        return base;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
