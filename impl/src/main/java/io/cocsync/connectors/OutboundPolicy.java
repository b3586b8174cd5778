package io.cocsync.connectors;

import java.net.InetAddress;

/**
 * Which addresses a connector may connect to, checked where the connection is made, after DNS
 * resolution. This is the slot for issue 16 item 3 (an account's endpoint must not make the
 * server call its own internal network): today every connector carries the policy in its
 * {@link ConnectorContext}, and the only policy is {@link #ANY}, which allows every address.
 */
@FunctionalInterface
public interface OutboundPolicy {

    OutboundPolicy ANY = address -> true;

    boolean allows(InetAddress address);
}
