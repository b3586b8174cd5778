package io.cocsync.connectors.vmware;

import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.vmware.VcenterClient.Answer;
import io.cocsync.connectors.vmware.VcenterVmMapping.Details;
import io.cocsync.connectors.vmware.VmwareConnector.VmSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads what vCenter's VM list leaves out, a page of VMs at a time with a bounded number of calls
 * in flight. Per VM, as few calls as answer the question:
 *
 * <pre>
 * POWERED_ON:  GET /api/vcenter/vm/{vm}/tools            → {"run_state"}
 *   RUNNING:   GET /api/vcenter/vm/{vm}/guest/identity   → {"full_name", "ip_address", "host_name"}
 * otherwise:   GET /api/vcenter/vm/{vm}                  → {"guest_OS"}  (the configured guest OS)
 * </pre>
 * The guest identity is asked only when VMware Tools run, because vCenter answers 503 otherwise
 * and a 503 would be retried as a server fault. A VM that vanished meanwhile (404) just has no
 * details; any other failure fails the page, like a failed list.
 */
final class VmDetailReader implements AutoCloseable {

    private final VcenterClient vcenter;
    private final ExecutorService pool;

    VmDetailReader(VcenterClient vcenter, int parallelism) {
        this.vcenter = vcenter;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "vmware-details-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The details of each VM of the page, by VM id. */
    Map<String, Details> read(List<VmSummary> page) throws ConnectorException, InterruptedException {
        List<Callable<Details>> reads = new ArrayList<>(page.size());
        for (VmSummary vm : page) {
            reads.add(() -> detailsOf(vm));
        }
        List<Future<Details>> results = pool.invokeAll(reads);
        Map<String, Details> byId = new HashMap<>();
        for (int i = 0; i < page.size(); i++) {
            byId.put(page.get(i).id(), outcome(results.get(i)));
        }
        return byId;
    }

    private Details detailsOf(VmSummary vm) throws ConnectorException, InterruptedException {
        String path = "/api/vcenter/vm/" + VmwareConnector.encode(vm.id());
        if ("POWERED_ON".equals(vm.powerState())) {
            Answer tools = vcenter.get(path + "/tools", "vCenter's VMware Tools status of VM " + vm.id());
            if (found(tools, "vCenter's VMware Tools status of VM " + vm.id())
                    && VcenterVmMapping.toolsRunning(tools.body())) {
                Details guest = guestIdentity(path, vm.id());
                if (guest.image() != null) {
                    return guest;
                }
            }
        }
        String what = "vCenter's details of VM " + vm.id();
        Answer info = vcenter.get(path, what);
        return found(info, what) ? VcenterVmMapping.detailsOfVm(info.body()) : Details.NONE;
    }

    private Details guestIdentity(String path, String vmId) throws ConnectorException, InterruptedException {
        String what = "vCenter's guest identity of VM " + vmId;
        Answer identity = vcenter.get(path + "/guest/identity", what);
        return found(identity, what) ? VcenterVmMapping.detailsOfGuest(identity.body()) : Details.NONE;
    }

    /** True on 200, false on 404 (the VM is gone); any other answer fails. */
    private static boolean found(Answer answer, String what) throws ConnectorException {
        if (answer.status() == 404) {
            return false;
        }
        if (answer.status() != 200) {
            throw VcenterClient.unexpected(answer, what);
        }
        return true;
    }

    private static Details outcome(Future<Details> result) throws ConnectorException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectorException connectorException) {
                throw connectorException;
            }
            if (cause instanceof InterruptedException) {
                throw new InterruptedException("reading VM details was interrupted");
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
