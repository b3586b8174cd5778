package io.cocsync.text;

/**
 * Lengths as the spec counts them: in characters (Unicode code points), the way JSON Schema
 * counts {@code minLength} and {@code maxLength}, not in Java's UTF-16 units, in which an emoji
 * is two. Cutting a text short never splits a character in two.
 */
public final class Characters {

    private Characters() {}

    public static int count(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    /** The text, or its first characters and an ellipsis, within {@code max} characters in all. */
    public static String atMost(String text, int max) {
        if (count(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
