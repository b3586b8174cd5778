package io.cocsync.accounts;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which vendor endpoints may be plain {@code http://}. For the vendors whose credentials travel
 * to the account's {@code endpoint} (HTTP Basic for OTHER and VMware, the Keystone body for
 * OpenStack, the signed calls for HCS, the token request for Azure), a plain-HTTP endpoint
 * would put the stored secret on the wire in clear: it is refused unless its host is one the
 * operator named, or an IP address literal inside a network the operator named (the
 * {@code plain-http-allowed} setting). Names are compared as written, never resolved: this
 * decides the scheme, not where an address leads (the outbound address policy does that).
 */
public final class EndpointSchemePolicy {

    /** The vendors whose secret is sent to the endpoint the account names. */
    public static final Set<CloudVendor> CREDENTIALS_GO_TO_ENDPOINT = EnumSet.of(CloudVendor.OTHER,
            CloudVendor.VMWARE, CloudVendor.OPENSTACK, CloudVendor.HCS, CloudVendor.AZURE);

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?");

    private record Network(BigInteger prefix, int bits, int length) {
        boolean contains(byte[] address) {
            return address.length * 8 == length
                    && new BigInteger(1, address).shiftRight(length - bits).equals(prefix);
        }
    }

    private final List<String> hosts;
    private final List<Network> networks;

    private EndpointSchemePolicy(List<String> hosts, List<Network> networks) {
        this.hosts = List.copyOf(hosts);
        this.networks = List.copyOf(networks);
    }

    /** {@code https://} only, for every credentialed endpoint: the default. */
    public static EndpointSchemePolicy httpsOnly() {
        return new EndpointSchemePolicy(List.of(), List.of());
    }

    /**
     * Plain HTTP allowed for these host names and CIDR networks ({@code 10.0.0.0/8},
     * {@code ::1/128}; an address without a prefix length is one host); throws naming an entry
     * that is neither.
     */
    public static EndpointSchemePolicy allowingPlainHttpTo(List<String> hostsAndNetworks) {
        List<String> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String entry : hostsAndNetworks) {
            String trimmed = entry.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (IP_LITERAL.matcher(address).matches() && (address.contains(":") || address.chars()
                    .filter(c -> c == '.').count() == 3)) {
                networks.add(network(trimmed, address, slash < 0 ? null : trimmed.substring(slash + 1)));
            } else if (slash < 0 && !trimmed.isEmpty()) {
                hosts.add(trimmed.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("plain-http-allowed: '" + entry
                        + "' is neither a host name nor a CIDR network like 10.0.0.0/8");
            }
        }
        return new EndpointSchemePolicy(hosts, networks);
    }

    private static Network network(String entry, String address, String prefixLength) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("plain-http-allowed: '" + entry + "' is not an IP address");
        }
        int length = bytes.length * 8;
        int bits;
        try {
            bits = prefixLength == null ? length : Integer.parseInt(prefixLength);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > length) {
            throw new IllegalArgumentException("plain-http-allowed: '" + entry + "' has no prefix length from 0 to "
                    + length);
        }
        return new Network(new BigInteger(1, bytes).shiftRight(length - bits), bits, length);
    }

    /** Refuses (400) a plain-HTTP endpoint for a vendor whose credentials go there, unless its host is allowed. */
    public void check(CloudVendor vendor, String endpoint) {
        if (endpoint == null || !CREDENTIALS_GO_TO_ENDPOINT.contains(vendor)) {
            return;
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (java.net.URISyntaxException e) {
            return; // not a URI: the endpoint's syntax check answers that, with its own message
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && allowed(uri.getHost())) {
            return;
        }
        throw new CredentialDestinationException("Invalid parameter values: endpoint must be an https:// URL for "
                + vendor + ", whose credentials are sent to it" + (scheme.equals("http")
                        ? "; plain http:// is allowed only for the hosts and networks of the server's"
                                + " plain-http-allowed setting."
                        : "."));
    }

    private boolean allowed(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (hosts.contains(name)) {
            return true;
        }
        byte[] address = IP_LITERAL.matcher(name).matches() ? literal(name) : null;
        return address != null && networks.stream().anyMatch(network -> network.contains(address));
    }

    /** The bytes of an IPv4 or IPv6 literal (brackets allowed), without any name lookup; null otherwise. */
    private static byte[] literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IP_LITERAL.matcher(bare).matches()) {
            return null;
        }
        try {
            // a literal of digits, dots and colons only: InetAddress parses it and never asks DNS
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
