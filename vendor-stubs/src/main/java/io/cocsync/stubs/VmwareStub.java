package io.cocsync.stubs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vCenter Server's Automation REST API (7.0 U2+ {@code /api} paths) over a generated {@link Fleet}:
 * each fleet region is a datacenter, each datacenter has ESXi hosts of {@link #setVmsPerHost} VMs.
 *
 * <pre>
 * POST   /api/session                      Basic auth → 201 "session id"
 * DELETE /api/session                      → 204
 * GET    /api/vcenter/datacenter           → [{"datacenter", "name"}]
 * GET    /api/vcenter/host?datacenters=    → [{"host", "name", "connection_state", "power_state"}]
 * GET    /api/vcenter/vm?datacenters=&amp;hosts=&amp;power_states=
 *                                          → [{"vm", "name", "power_state", "cpu_count", "memory_size_MiB"}]
 * GET    /api/vcenter/vm/{vm}              → VM info (guest_OS, cpu, memory, …)
 * GET    /api/vcenter/vm/{vm}/tools        → {"run_state", …}
 * GET    /api/vcenter/vm/{vm}/guest/identity → 503 unless VMware Tools run
 * </pre>
 * Every call but sign-in needs a live {@code vmware-api-session-id} (401 otherwise). Like vCenter,
 * a list that matches more than 4,000 VMs (2,500 hosts) answers 400 UNABLE_TO_ALLOCATE_RESOURCE.
 * VMs are generated while a list is rendered, never held. Ids encode (datacenter, index) so that
 * any VM can be served from its id alone.
 */
public final class VmwareStub extends VendorStub {

    public static final int MAX_VMS_PER_LIST = 4000;
    public static final int MAX_HOSTS_PER_LIST = 2500;
    private static final String SESSION_HEADER = "vmware-api-session-id";
    /** Ids are "vm-" / "host-" followed by (datacenter number × STRIDE + index). */
    private static final long STRIDE = 10_000_000_000L;
    private static final Pattern VM_PATH = Pattern.compile("/api/vcenter/vm/vm-(\\d+)(/tools|/guest/identity)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger sessionsCreated = new AtomicInteger();
    private final AtomicInteger sessionsDeleted = new AtomicInteger();
    private volatile int requestsPerSession = Integer.MAX_VALUE;
    private volatile int vmsPerHost = 1000;

    public VmwareStub(Fleet fleet) {
        super(fleet, StubVendor.VMWARE, "administrator@vsphere.local", "stub-Passw0rd!");
    }

    /** Sessions created so far (sign-ins that succeeded). */
    public int sessionsCreated() {
        return sessionsCreated.get();
    }

    /** Sessions deleted so far (sign-outs). */
    public int sessionsDeleted() {
        return sessionsDeleted.get();
    }

    /** Each new session answers {@code requests} calls, then 401 like a session vCenter timed out. */
    public void expireSessionsAfter(int requests) {
        this.requestsPerSession = requests;
    }

    public void setVmsPerHost(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a host holds at least one VM");
        }
        this.vmsPerHost = count;
    }

    @Override
    protected ResponseDefinition respond(Request request) {
        if (throttleThisRequest()) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "0")
                    .build();
        }
        String path = request.getUrl().split("\\?", 2)[0];
        RequestMethod method = request.getMethod();
        if (path.equals("/api/session") && method.equals(RequestMethod.POST)) {
            return signIn(request);
        }
        if (!path.startsWith("/api/")) {
            return error(404, "NOT_FOUND", "Not found.");
        }
        if (!sessionIsLive(request)) {
            return error(401, "UNAUTHENTICATED", "Authentication required.");
        }
        if (path.equals("/api/session") && method.equals(RequestMethod.DELETE)) {
            sessions.remove(request.getHeader(SESSION_HEADER));
            sessionsDeleted.incrementAndGet();
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (!method.equals(RequestMethod.GET)) {
            return error(405, "OPERATION_NOT_FOUND", "Operation not found.");
        }
        Fleet fleet = fleet();
        Matcher vm = VM_PATH.matcher(path);
        if (vm.matches()) {
            return vmDetails(fleet, Long.parseLong(vm.group(1)), vm.group(2));
        }
        return switch (path) {
            case "/api/vcenter/datacenter" -> datacenters(fleet);
            case "/api/vcenter/host" -> hosts(fleet, request);
            case "/api/vcenter/vm" -> vms(fleet, request);
            default -> error(404, "NOT_FOUND", "Not found.");
        };
    }

    private ResponseDefinition signIn(Request request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (accessKey() + ":" + secretKey()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("Authorization"))) {
            return error(401, "UNAUTHENTICATED", "Authentication required.");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(id, new AtomicInteger(requestsPerSession));
        sessionsCreated.incrementAndGet();
        return json(201, JSON.getNodeFactory().textNode(id));
    }

    private boolean sessionIsLive(Request request) {
        String id = request.getHeader(SESSION_HEADER);
        AtomicInteger remaining = id == null ? null : sessions.get(id);
        if (remaining == null) {
            return false;
        }
        if (remaining.getAndDecrement() <= 0) {
            sessions.remove(id);
            return false;
        }
        return true;
    }

    private ResponseDefinition datacenters(Fleet fleet) {
        ArrayNode list = JSON.createArrayNode();
        for (int region = 0; region < fleet.regions().size(); region++) {
            list.addObject().put("datacenter", datacenterId(region)).put("name", fleet.regions().get(region));
        }
        return json(200, list);
    }

    private ResponseDefinition hosts(Fleet fleet, Request request) {
        List<Integer> regions = regionsMatching(fleet, values(request, "datacenters"));
        if (regions.stream().anyMatch(region -> isFailingRegion(fleet.regions().get(region)))) {
            return failure();
        }
        long total = regions.stream().mapToLong(region -> hostCount(fleet)).sum();
        if (total > MAX_HOSTS_PER_LIST) {
            return tooMany("hosts");
        }
        ArrayNode list = JSON.createArrayNode();
        for (int region : regions) {
            for (int host = 0; host < hostCount(fleet); host++) {
                list.addObject().put("host", "host-" + number(region, host))
                        .put("name", hostName(fleet, region, host))
                        .put("connection_state", "CONNECTED")
                        .put("power_state", "POWERED_ON");
            }
        }
        return json(200, list);
    }

    /** A contiguous run of VM indexes of one datacenter, on one host or on all of them. */
    private record Slice(int region, int from, int to, String hostName) {}

    private ResponseDefinition vms(Fleet fleet, Request request) {
        List<Slice> slices = slices(fleet, regionsMatching(fleet, values(request, "datacenters")),
                values(request, "hosts"));
        if (slices.stream().anyMatch(slice -> isFailingRegion(fleet.regions().get(slice.region())))) {
            return failure();
        }
        List<String> states = values(request, "power_states");
        if (states.isEmpty() && slices.stream().mapToLong(slice -> slice.to() - slice.from()).sum()
                > MAX_VMS_PER_LIST) {
            return tooMany("virtual machines");
        }
        ArrayNode list = JSON.createArrayNode();
        for (Slice slice : slices) {
            for (int index = slice.from(); index < slice.to(); index++) {
                Fleet.Machine machine = fleet.machine(fleet.regions().get(slice.region()), index);
                String state = powerState(machine, index);
                if (!states.isEmpty() && !states.contains(state)) {
                    continue;
                }
                if (list.size() == MAX_VMS_PER_LIST) {
                    return tooMany("virtual machines");
                }
                list.addObject().put("vm", "vm-" + number(slice.region(), index))
                        .put("name", machine.name())
                        .put("power_state", state)
                        .put("cpu_count", cpus(machine))
                        .put("memory_size_MiB", memoryMiB(machine));
            }
        }
        return json(200, list);
    }

    private List<Slice> slices(Fleet fleet, List<Integer> regions, List<String> hostIds) {
        List<Slice> slices = new ArrayList<>();
        if (hostIds.isEmpty()) {
            regions.forEach(region -> slices.add(new Slice(region, 0, fleet.perRegion(), null)));
            return slices;
        }
        for (String hostId : hostIds) {
            long number = hostId.startsWith("host-") ? parseOrMinusOne(hostId.substring(5)) : -1;
            int region = (int) (number / STRIDE) - 1;
            long host = number % STRIDE;
            if (number >= 0 && regions.contains(region) && host < hostCount(fleet)) {
                int from = (int) host * vmsPerHost;
                slices.add(new Slice(region, from, Math.min(fleet.perRegion(), from + vmsPerHost),
                        hostName(fleet, region, (int) host)));
            }
        }
        return slices;
    }

    private ResponseDefinition vmDetails(Fleet fleet, long number, String part) {
        int region = (int) (number / STRIDE) - 1;
        long index = number % STRIDE;
        if (region < 0 || region >= fleet.regions().size() || index >= fleet.perRegion()) {
            return error(404, "NOT_FOUND", "Virtual machine with identifier 'vm-" + number + "' does not exist.");
        }
        String regionName = fleet.regions().get(region);
        if (isFailingRegion(regionName)) {
            return failure();
        }
        Fleet.Machine machine = fleet.machine(regionName, (int) index);
        String state = powerState(machine, (int) index);
        boolean toolsRunning = state.equals("POWERED_ON") && index % 10 != 9;
        if ("/tools".equals(part)) {
            ObjectNode tools = JSON.createObjectNode()
                    .put("run_state", toolsRunning ? "RUNNING" : "NOT_RUNNING")
                    .put("version_status", "CURRENT")
                    .put("version_number", 12352)
                    .put("upgrade_policy", "MANUAL")
                    .put("install_type", "OPEN_VM_TOOLS");
            return json(200, tools);
        }
        GuestOs os = GuestOs.of(machine.image());
        if ("/guest/identity".equals(part)) {
            if (!toolsRunning) {
                return error(503, "SERVICE_UNAVAILABLE", "VMware Tools is not running in the guest.");
            }
            ObjectNode identity = JSON.createObjectNode()
                    .put("name", os.id).put("family", os.family)
                    .put("host_name", machine.name()).put("ip_address", machine.privateIp());
            identity.putObject("full_name").put("id", "vmsg.guestos." + os.id.toLowerCase() + ".label")
                    .put("default_message", os.fullName).putArray("args");
            return json(200, identity);
        }
        ObjectNode info = JSON.createObjectNode()
                .put("name", machine.name()).put("power_state", state).put("guest_OS", os.id);
        info.putObject("identity").put("name", machine.name())
                .put("instance_uuid", UUID.nameUUIDFromBytes(("vm-" + number).getBytes(StandardCharsets.UTF_8))
                        .toString());
        info.putObject("cpu").put("count", cpus(machine)).put("cores_per_socket", 1)
                .put("hot_add_enabled", false).put("hot_remove_enabled", false);
        info.putObject("memory").put("size_MiB", memoryMiB(machine)).put("hot_add_enabled", false);
        info.putObject("hardware").put("version", "VMX_19").put("upgrade_policy", "NEVER")
                .put("upgrade_status", "NONE");
        info.putObject("boot").put("type", "BIOS").put("delay", 0).put("enter_setup_mode", false);
        info.putObject("nics");
        info.putObject("disks");
        return json(200, info);
    }

    /** How the fleet's images look as vSphere guest OS identifiers. */
    private enum GuestOs {
        DEBIAN("DEBIAN_12_64", "LINUX", "Debian GNU/Linux 12 (64-bit)"),
        UBUNTU("UBUNTU_64", "LINUX", "Ubuntu Linux (64-bit)"),
        RHEL("RHEL_9_64", "LINUX", "Red Hat Enterprise Linux 9 (64-bit)"),
        WINDOWS("WINDOWS_SERVER_2021", "WINDOWS", "Microsoft Windows Server 2022 (64-bit)");

        final String id;
        final String family;
        final String fullName;

        GuestOs(String id, String family, String fullName) {
            this.id = id;
            this.family = family;
            this.fullName = fullName;
        }

        static GuestOs of(String image) {
            return image.startsWith("debian") ? DEBIAN
                    : image.startsWith("ubuntu") ? UBUNTU
                    : image.startsWith("rhel") ? RHEL : WINDOWS;
        }
    }

    /** The fleet's "running" VMs are powered on; one in five of the "stopped" ones is suspended. */
    private static String powerState(Fleet.Machine machine, int index) {
        if (machine.state().equals("running")) {
            return "POWERED_ON";
        }
        return index % 5 == 0 ? "SUSPENDED" : "POWERED_OFF";
    }

    private static int cpus(Fleet.Machine machine) {
        return switch (machine.size()) {
            case "small" -> 1;
            case "medium" -> 2;
            case "large" -> 4;
            default -> 8;
        };
    }

    private static int memoryMiB(Fleet.Machine machine) {
        return cpus(machine) * 2048;
    }

    private int hostCount(Fleet fleet) {
        return Math.max(1, (fleet.perRegion() + vmsPerHost - 1) / vmsPerHost);
    }

    private static String hostName(Fleet fleet, int region, int host) {
        return String.format("esx-%02d.%s.example.test", host + 1, fleet.regions().get(region));
    }

    private static String datacenterId(int region) {
        return "datacenter-" + (region + 1);
    }

    private static long number(int region, long index) {
        return (region + 1) * STRIDE + index;
    }

    /** The regions whose datacenter ids are listed, or all when none are. */
    private static List<Integer> regionsMatching(Fleet fleet, List<String> datacenterIds) {
        List<Integer> regions = new ArrayList<>();
        Set<String> wanted = Set.copyOf(datacenterIds);
        for (int region = 0; region < fleet.regions().size(); region++) {
            if (wanted.isEmpty() || wanted.contains(datacenterId(region))) {
                regions.add(region);
            }
        }
        return regions;
    }

    private static List<String> values(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.values() : List.of();
    }

    private static long parseOrMinusOne(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ResponseDefinition tooMany(String what) {
        return error(400, "UNABLE_TO_ALLOCATE_RESOURCE",
                "Too many " + what + ". Add more filter criteria to reduce the number.");
    }

    private static ResponseDefinition failure() {
        return regionFailure("application/json", errorBody("ERROR", "A general error occurred.").toString());
    }

    private static ResponseDefinition error(int status, String type, String message) {
        return json(status, errorBody(type, message));
    }

    private static JsonNode errorBody(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("error_type", type);
        body.putArray("messages").addObject().put("id", "com.vmware.vapi.std.errors." + type.toLowerCase())
                .put("default_message", message).putArray("args");
        return body;
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
