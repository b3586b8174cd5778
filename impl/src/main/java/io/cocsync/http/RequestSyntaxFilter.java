package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Refuses what cannot be read before anything reads it: with 400 a path or query whose
 * percent-encoding is malformed ({@code %zz}, a lone {@code %}) or does not decode to UTF-8
 * (instead of letting the container guess a value for it), and a path with an encoded
 * separator or control character; with 415 a Content-Type that is not a media type at all.
 */
@PreMatching
// after RequestIdFilter (AUTHENTICATION - 100): its refusals carry the caller's request id too
@Priority(Priorities.AUTHENTICATION - 90)
public final class RequestSyntaxFilter implements ContainerRequestFilter {

    /**
     * What Jetty lets through to be refused here (see UriRules in the server package): an
     * encoded '/', '\\' or '%', an encoded C0 control character or DEL, and a raw backslash.
     */
    private static final Pattern FORBIDDEN_IN_PATH =
            Pattern.compile("%(?:2[Ff]|5[Cc]|25|[01][0-9A-Fa-f]|7[Ff])|\\\\");

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        if (!decodesAsUtf8(uri.getRawPath()) || !decodesAsUtf8(uri.getRawQuery())) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "The request's path or query is not validly percent-encoded UTF-8."));
        }
        if (uri.getRawPath() != null && FORBIDDEN_IN_PATH.matcher(uri.getRawPath()).find()) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "The request's path holds an encoded separator, percent sign or control character (such as"
                            + " %2F, %5C, %25 or %00), or a backslash, which no path of this API has."));
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            try {
                MediaType.valueOf(contentType);
            } catch (IllegalArgumentException notAMediaType) {
                throw new WebApplicationException(ErrorResponses.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The request body must be application/json."));
            }
        }
    }

    static boolean decodesAsUtf8(String raw) {
        if (raw == null) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 3 > raw.length()) {
                    return false;
                }
                try {
                    bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                } catch (IllegalArgumentException notHex) {
                    return false;
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return isUtf8(bytes.toByteArray());
    }

    /** Whether the bytes are well-formed UTF-8 (no overlong forms, no surrogates), as JSON must be. */
    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
