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
     * @param problem the message when the endpoint is not an http(s) URL, saying what it should be
     */
    public static Optional<URI> of(String endpoint, String problem) throws ConnectorException {
        if (Texts.isBlank(endpoint)) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(endpoint.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConnectorException(problem);
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(problem);
        }
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
