package io.cocsync.server;

import java.util.EnumSet;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * Which malformed request paths Jetty lets through to the application. Jetty refuses a path
 * with an encoded separator ({@code %2F}, {@code %5C}), an encoded control character or a broken
 * percent-encoding before it has a request to answer, so its answer cannot carry the caller's
 * {@code X-Request-Id}. These are passed on, and the application's first filter
 * ({@code RequestSyntaxFilter}, before authentication and before anything reads the path)
 * refuses every one of them with 400 and the caller's id. Ambiguous segments ({@code ..},
 * {@code //}, {@code ;} in a dot segment) and user information stay refused by Jetty.
 */
final class UriRules {

    private static final UriCompliance REFUSED_BY_THE_APPLICATION = UriCompliance.from(EnumSet.of(
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS,
            UriCompliance.Violation.ILLEGAL_PATH_CHARACTERS,
            UriCompliance.Violation.BAD_PERCENT_ENCODING,
            UriCompliance.Violation.BAD_UTF8_ENCODING,
            UriCompliance.Violation.TRUNCATED_UTF8_ENCODING,
            UriCompliance.Violation.UTF16_ENCODINGS));

    private UriRules() {}

    static void applyTo(Server jetty) {
        for (Connector connector : jetty.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setUriCompliance(REFUSED_BY_THE_APPLICATION);
            }
        }
    }
}
