package io.cocsync.auth;

import io.cocsync.audit.AuditLog;
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
    private final AuditLog audit;

    public AkLockout(Clock clock) {
        this(clock, new AuditLog(clock));
    }

    /** Writes an audit line when an AK is locked, and when a lock is found to have ended. */
    public AkLockout(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Instant> lockedUntil(String accessKey) {
        State state = states.get(accessKey);
        if (state == null || state.lockedUntil() == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(state.lockedUntil())) {
            return Optional.of(state.lockedUntil());
        }
        if (states.remove(accessKey, state)) {
            unlocked(accessKey, state);
        }
        return Optional.empty();
    }

    public void failed(String accessKey) {
        Instant now = clock.instant();
        boolean[] lockedNow = {false};
        State after = states.compute(accessKey, (ak, state) -> {
            if (state != null && state.lockedUntil() != null) {
                if (now.isBefore(state.lockedUntil())) {
                    return state;
                }
                unlocked(ak, state);
                state = null;
            }
            int failures = state == null ? 1 : state.failures() + 1;
            lockedNow[0] = failures >= THRESHOLD;
            return new State(failures, lockedNow[0] ? now.plus(LOCK_TIME) : null);
        });
        if (lockedNow[0]) {
            audit.event("ak_locked").with("ak", accessKey).with("failures", THRESHOLD)
                    .with("until", after.lockedUntil().toString()).write();
        }
    }

    public void succeeded(String accessKey) {
        State removed = states.remove(accessKey);
        if (removed != null && removed.lockedUntil() != null) {
            unlocked(accessKey, removed);
        }
    }

    private void unlocked(String accessKey, State state) {
        audit.event("ak_unlocked").with("ak", accessKey).with("locked_until", state.lockedUntil().toString()).write();
    }
}
