package io.cocsync.connectors;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Reads the endpoint an account gives: an absolute http or https URL with a host. */
public final class Endpoints {

    private Endpoints() {}

    /**
     * The account's endpoint, trimmed, or empty when it gives none.
     *
     * @param problem what the endpoint should be, said after the reason an endpoint given is not usable
     */
    public static Optional<URI> of(String endpoint, String problem) throws ConnectorException {
        if (Texts.isBlank(endpoint)) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(endpoint.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw notUsable("it is not an http or https URL with a valid host", problem);
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw notUsable(e.getMessage(), problem);
        }
    }

    /**
     * An endpoint given but unusable (stored before endpoints were checked at registration, or past
     * a rule the check misses) is the account's failure, in the words issue users see for it.
     */
    private static ConnectorException notUsable(String reason, String problem) {
        return new ConnectorException("The account's endpoint is not usable: " + reason + ". " + problem);
    }

    /** Like {@link #of}, but the endpoint is required. */
    public static URI required(String endpoint, String problem) throws ConnectorException {
        return of(endpoint, problem).orElseThrow(() -> new ConnectorException(problem));
    }

    /** Like {@link #of}, also taking a bare host[:port] as https. */
    public static Optional<URI> ofHostOrUrl(String endpoint, String problem) throws ConnectorException {
        if (Texts.isBlank(endpoint)) {
            return Optional.empty();
        }
        String trimmed = endpoint.trim();
        return of(trimmed.contains("://") ? trimmed : "https://" + trimmed, problem);
    }

    /** The endpoint as a base to append paths to: without trailing slashes. */
    public static String base(URI endpoint) {
        return endpoint.toString().replaceAll("/+$", "");
    }
}
