package io.cocsync.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.regex.Pattern;

/**
 * Reads integer query parameters as the spec writes them, in ASCII digits. Jersey's default,
 * {@code Integer.valueOf}, also takes any Unicode digits ({@code limit=١} or a fullwidth
 * {@code １} would be 1), which no client means as a number and the spec does not allow.
 * What does not convert is answered 400 by {@link WebApplicationExceptionMapper}.
 */
public final class AsciiIntegerParameters implements ParamConverterProvider {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Integer.class ? (ParamConverter<T>) new AsciiInteger() : null;
    }

    private static final class AsciiInteger implements ParamConverter<Integer> {
        @Override
        public Integer fromString(String value) {
            if (value == null || !INTEGER.matcher(value).matches()) {
                throw new IllegalArgumentException("not an integer in ASCII digits: " + value);
            }
            return Integer.valueOf(value); // a NumberFormatException (an IllegalArgumentException) past int's range
        }

        @Override
        public String toString(Integer value) {
            return value.toString();
        }
    }
}
