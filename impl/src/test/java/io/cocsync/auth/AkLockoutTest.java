package io.cocsync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.testing.AuditLines;
import io.cocsync.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AkLockoutTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AkLockout lockout = new AkLockout(clock);

    @Test
    void theFifthConsecutiveFailureLocksForFiveMinutes() {
        for (int i = 0; i < 4; i++) {
            lockout.failed("AK");
        }
        assertThat(lockout.lockedUntil("AK")).isEmpty();

        lockout.failed("AK");
        assertThat(lockout.lockedUntil("AK")).contains(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(lockout.lockedUntil("OTHER")).isEmpty();
    }

    @Test
    void aLockAndItsEndAreEachOneAuditLine() {
        try (AuditLines audit = AuditLines.capture()) {
            for (int i = 0; i < 7; i++) {
                lockout.failed("AK");
            }
            clock.advance(AkLockout.LOCK_TIME);
            assertThat(lockout.lockedUntil("AK")).isEmpty();
            assertThat(lockout.lockedUntil("AK")).isEmpty();

            assertThat(audit.events()).containsExactly("ak_locked", "ak_unlocked");
            assertThat(audit.lines().get(0)).contains("\"ak\":\"AK\"").contains("\"until\":\"2026-01-01T00:05:00Z\"");
        }
    }

    @Test
    void failuresWhileLockedDoNotExtendTheLockAndItEnds() {
        for (int i = 0; i < 5; i++) {
            lockout.failed("AK");
        }
        Instant until = lockout.lockedUntil("AK").orElseThrow();
        clock.advance(Duration.ofMinutes(4));
        lockout.failed("AK");
        assertThat(lockout.lockedUntil("AK")).contains(until);

        clock.advance(Duration.ofMinutes(1));
        assertThat(lockout.lockedUntil("AK")).isEmpty();
        lockout.failed("AK");
        assertThat(lockout.lockedUntil("AK")).as("the count starts again after a lock").isEmpty();
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            lockout.failed("AK");
        }
        lockout.succeeded("AK");
        lockout.failed("AK");
        assertThat(lockout.lockedUntil("AK")).isEmpty();
    }
}
