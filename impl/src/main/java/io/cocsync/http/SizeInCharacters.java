package io.cocsync.http;

import io.cocsync.text.Characters;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * {@code @Size} as the spec means it: a string's length in characters (Unicode code points, as
 * JSON Schema counts {@code minLength} and {@code maxLength}), a list's or map's in elements.
 * It replaces the validators of bean validation, which count a string in UTF-16 units, through
 * {@code META-INF/validation/lengths-in-characters.xml}: the generated models stay untouched.
 */
public final class SizeInCharacters implements ConstraintValidator<Size, Object> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        this.min = size.min();
        this.max = size.max();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true; // absence is @NotNull's business
        }
        int length = lengthOf(value);
        return length >= min && length <= max;
    }

    static int lengthOf(Object value) {
        if (value instanceof CharSequence text) {
            return Characters.count(text);
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value);
        }
        throw new IllegalArgumentException("@Size on a value that has no size: " + value.getClass().getName());
    }
}
