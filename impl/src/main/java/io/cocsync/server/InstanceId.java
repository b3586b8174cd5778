package io.cocsync.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The name under which this process claims sync tasks: the host, for people reading the
 * database, and a random part, so that a restarted process never mistakes its predecessor's
 * claims for its own.
 */
final class InstanceId {

    private InstanceId() {}

    static String create() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String shortHost = host.length() > 64 ? host.substring(0, 64) : host;
        return shortHost + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
