package io.cocsync.connectors;

/** The text checks every connector makes of what a vendor or an account gives. */
public final class Texts {

    private Texts() {}

    public static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** The text, or null when it is missing or blank: vendors write "" where they mean "none". */
    public static String orNull(String text) {
        return isBlank(text) ? null : text;
    }

    /** The text cut to 64 characters, for quoting a vendor's value in a message. */
    public static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
