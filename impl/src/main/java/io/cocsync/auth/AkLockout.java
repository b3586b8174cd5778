package io.cocsync.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an AK after consecutive failed signature checks, as Huawei's API gateway does.
 *
 * <p>Contract: {@link #failed} counts a failed check of an AK; the {@code threshold}-th
 * consecutive one locks it for {@code lockTime} from that moment. {@link #succeeded} resets the
 * count. While locked, {@link #lockedUntil} says until when, and the caller refuses the AK even
 * with a correct signature; failures while locked do not extend the lock. When the lock has
 * passed, the count starts again from zero. Safe for concurrent use; counts only AKs that exist,
 * so the map is bounded by the credentials file.
 */
public final class AkLockout {

    public static final int THRESHOLD = 5;
    public static final Duration LOCK_TIME = Duration.ofMinutes(5);

    private record State(int failures, Instant lockedUntil) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public AkLockout(Clock clock) {
        this.clock = clock;
    }

    public Optional<Instant> lockedUntil(String accessKey) {
        State state = states.get(accessKey);
        Instant now = clock.instant();
        return state != null && state.lockedUntil() != null && now.isBefore(state.lockedUntil())
                ? Optional.of(state.lockedUntil())
                : Optional.empty();
    }

    public void failed(String accessKey) {
        Instant now = clock.instant();
        states.compute(accessKey, (ak, state) -> {
            if (state != null && state.lockedUntil() != null) {
                if (now.isBefore(state.lockedUntil())) {
                    return state;
                }
                state = null;
            }
            int failures = state == null ? 1 : state.failures() + 1;
            return new State(failures, failures >= THRESHOLD ? now.plus(LOCK_TIME) : null);
        });
    }

    public void succeeded(String accessKey) {
        states.remove(accessKey);
    }
}
