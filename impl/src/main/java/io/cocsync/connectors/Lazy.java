package io.cocsync.connectors;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made at its first use, once for all threads. The connectors' HTTP clients are made so:
 * making one sets up TLS (reading the JVM's trust store), start-up time that only a sync needs.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> maker;
    private volatile T value;

    public Lazy(Supplier<T> maker) {
        this.maker = maker;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(maker.get(), "the maker returned null");
                    value = made;
                }
            }
        }
        return made;
    }
}
