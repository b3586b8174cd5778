package io.cocsync.demo;

import io.cocsync.server.CocServer;
import io.cocsync.server.Main;
import io.cocsync.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo jar's entry point: the service with its usual settings, plus local stand-ins of every
 * vendor's API and one demo account per vendor. The stubs live in this jar only, so that the
 * service jar carries no stub, no WireMock and no private key.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        Main.serve(withoutDemoFlag(args), DemoMain::start);
    }

    /**
     * Starts the stubs, then the server trusting their certificates and allowing plain HTTP to
     * loopback (where the stubs listen), then points the demo accounts at them.
     */
    public static Running start(ServerConfig config) {
        DemoEstate estate = DemoEstate.start();
        CocServer server = null;
        try {
            server = CocServer.start(config.withVendorCaFile(estate.certificates()).withPlainHttpOnLoopback());
            estate.registerAccounts(server.accounts());
            return new Running(server, estate);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            estate.close();
            throw e;
        }
    }

    /** The running demo: the server, then the stubs it reads, stopped in that order. */
    public record Running(CocServer server, DemoEstate estate) implements AutoCloseable {
        @Override
        public void close() {
            try (estate) {
                server.close();
            }
        }
    }

    /** {@code --demo} is what this jar does anyway: accepted, as the service jar once took it, and dropped. */
    static String[] withoutDemoFlag(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        int flag = rest.indexOf("--demo");
        if (flag >= 0) {
            rest.remove(flag);
            if (flag < rest.size() && rest.get(flag).equals("true")) {
                rest.remove(flag);
            }
        }
        return rest.toArray(String[]::new);
    }
}
