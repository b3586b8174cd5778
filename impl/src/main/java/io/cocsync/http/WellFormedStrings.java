package io.cocsync.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Reads request strings as I-JSON (RFC 7493) requires them: a JSON escape may spell half of a
 * surrogate pair ({@code "\ud800"}) that no character completes, which JSON's grammar lets
 * through but no character set can store or show. Such a string is refused (400 naming the
 * field) rather than stored as something that is not text.
 */
final class WellFormedStrings extends SimpleModule {
    private static final long serialVersionUID = 1L;

    WellFormedStrings() {
        super("WellFormedStrings");
        addDeserializer(String.class, new Checked());
    }

    /** Whether the text has a high surrogate without its low one, or a low one without its high one. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static final class Checked extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && hasLoneSurrogate(value)) {
                throw InvalidFormatException.from(parser, "a lone surrogate", value, String.class);
            }
            return value;
        }
    }
}
