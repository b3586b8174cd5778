package io.cocsync.accounts;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A vendor account's secret key, opened from its sealed stored form only when something reads
 * it. Only connectors need the key; listing accounts and deciding a sync request read accounts
 * far more often, and opening every key (an AES-GCM decryption each) was a large part of what
 * those reads cost. A key that cannot be opened fails where it is read, in the sync that needs it.
 */
public final class Secret {

    /** What {@link #opened} holds until the key was read: a null key is a key too. */
    private static final Object UNOPENED = new Object();

    private final Supplier<String> source;
    /** The key once read; a thread that races the first read opens it again, to the same text. */
    private volatile Object opened;

    private Secret(Supplier<String> source, Object opened) {
        this.source = source;
        this.opened = opened;
    }

    /** A key given in clear, by a request or a test; may be null (none given). */
    public static Secret of(String plain) {
        return new Secret(() -> plain, plain);
    }

    /** A key that {@code opener} opens from its stored form, at its first read. */
    public static Secret openedBy(Supplier<String> opener) {
        return new Secret(opener, UNOPENED);
    }

    /** The key in clear (null when none was given). */
    public String reveal() {
        Object value = opened;
        if (value == UNOPENED) {
            value = source.get();
            opened = value;
        }
        return (String) value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && Objects.equals(reveal(), secret.reveal());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(reveal());
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
