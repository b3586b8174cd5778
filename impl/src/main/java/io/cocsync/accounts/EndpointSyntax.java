package io.cocsync.accounts;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an account's {@code endpoint} is a URL that a connector can call: the spec's rules,
 * checked completely. It says what is wrong in words that name the field and the rule, so that
 * an endpoint no connector can use is refused when it is registered or changed, not found out
 * by the first sync. It checks syntax only; which schemes a policy allows is decided elsewhere.
 *
 * <p>An internationalised host name is refused, not converted: converting would store an
 * endpoint other than the one the caller sent, so the message names the ASCII form to send.
 */
public final class EndpointSyntax {

    /** A DNS name's length in characters, without a trailing dot (RFC 1035, 2.3.4). */
    static final int MAX_HOST_NAME = 253;
    static final int MAX_LABEL = 63;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** What RFC 3986 lets a path and query hold as they are; anything else is percent-encoded. */
    private static final Pattern PATH_AND_QUERY = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*");

    private EndpointSyntax() {}

    /** The endpoint, or an {@link InvalidEndpointException} saying which rule it breaks; null passes. */
    public static String check(String endpoint) {
        problemWith(endpoint).ifPresent(problem -> {
            throw new InvalidEndpointException(problem);
        });
        return endpoint;
    }

    /** What is wrong with the endpoint, as a sentence naming the field and the rule; empty if nothing is. */
    public static Optional<String> problemWith(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        String scheme = endpoint.contains("://") ? endpoint.substring(0, endpoint.indexOf("://")) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return refused("must be an absolute URL beginning with http:// or https://");
        }
        String rest = endpoint.substring(scheme.length() + 3);
        int authorityEnd = firstOf(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        Optional<String> authorityProblem = authorityProblem(authority);
        if (authorityProblem.isPresent()) {
            return authorityProblem;
        }
        String pathAndQuery = rest.substring(authorityEnd);
        if (pathAndQuery.contains("#")) {
            return refused("must not have a fragment (#...)");
        }
        if (!PATH_AND_QUERY.matcher(pathAndQuery).matches()) {
            return refused("must have a path and query of URL characters only, any other character percent-encoded"
                    + " (%XX) as UTF-8");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return refused("must be a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (uri.getHost() == null) {
            // a backstop: the rules above should leave nothing that java.net.URI does not take as a host
            return refused("must have a host that is a DNS name or an IP address");
        }
        return Optional.empty();
    }

    private static Optional<String> authorityProblem(String authority) {
        if (authority.contains("@")) {
            return refused("must not carry user information (user@); credentials belong in ak and sk");
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return refused("has an IPv6 literal without its closing bracket");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return refused("may have only a port after its IPv6 literal");
                }
                port = after.substring(1);
            }
            if (!isIpv6Literal(host)) {
                return refused("has a host in brackets that is not an IPv6 address");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            Optional<String> hostProblem = hostNameProblem(host);
            if (hostProblem.isPresent()) {
                return hostProblem;
            }
        }
        if (port != null && !isPort(port)) {
            return refused("must have a port from 1 to 65535 when it has one");
        }
        return Optional.empty();
    }

    private static Optional<String> hostNameProblem(String host) {
        if (host.isEmpty()) {
            return refused("must have a host");
        }
        if (!host.chars().allMatch(c -> c < 0x80)) {
            return refused("must have an ASCII host name: an internationalised name is not converted, write it"
                    + " as " + asciiFormOf(host).map(ascii -> "'" + ascii + "'").orElse("its xn-- form"));
        }
        if (host.length() > MAX_HOST_NAME) {
            return refused("must have a host name of at most " + MAX_HOST_NAME + " characters");
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return refused("must not have an empty label in its host name (two dots, or a dot at either end)");
            }
            if (label.length() > MAX_LABEL) {
                return refused("must have host name labels of at most " + MAX_LABEL + " characters");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return refused("must not have a host name label that begins or ends with a hyphen");
            }
            if (!LABEL.matcher(label).matches()) {
                return refused("must have a host name of letters, digits, hyphens and dots only");
            }
        }
        boolean allNumeric = java.util.Arrays.stream(labels).allMatch(label -> DIGITS.matcher(label).matches());
        if (allNumeric) {
            return isIpv4(labels) ? Optional.empty()
                    : refused("must have a host that is an IPv4 address of four numbers from 0 to 255 when it is"
                            + " all digits");
        }
        if (!Character.isLetter(labels[labels.length - 1].charAt(0))) {
            return refused("must have a host name whose last label begins with a letter");
        }
        return Optional.empty();
    }

    private static boolean isIpv4(String[] labels) {
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            if (label.length() > 3 || Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }

    /** java.net.URI checks the IPv6 grammar of RFC 2732 without looking anything up. */
    private static boolean isIpv6Literal(String bracketed) {
        try {
            return new URI("http://" + bracketed + "/").getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isPort(String port) {
        return DIGITS.matcher(port).matches() && port.length() <= 5 && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65_535;
    }

    private static Optional<String> asciiFormOf(String host) {
        try {
            return Optional.of(IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notConvertible) {
            return Optional.empty();
        }
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static Optional<String> refused(String rule) {
        return Optional.of("endpoint " + rule + ".");
    }
}
