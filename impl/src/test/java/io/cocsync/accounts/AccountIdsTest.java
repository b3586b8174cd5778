package io.cocsync.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.testing.SettableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountIdsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T06:00:00Z"));
    private final AccountIds ids = new AccountIds(clock);

    @Test
    void idsHaveHuaweisShapeAndSortInCreationOrder() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            made.add(ids.next());
            if (i % 100 == 99) {
                clock.advance(Duration.ofMillis(1));
            }
        }

        assertThat(made).allMatch(id -> id.matches("[0-9a-f]{24}"));
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void consecutiveIdsDoNotRevealACounterOfHowManyWereMadeBetween() {
        // ids made one after another by different tenants: their difference must not count the ids between
        List<BigInteger> steps = new ArrayList<>();
        String previous = ids.next();
        for (int i = 0; i < 200; i++) {
            String next = ids.next();
            steps.add(new BigInteger(next, 16).subtract(new BigInteger(previous, 16)));
            previous = next;
        }

        assertThat(new HashSet<>(steps)).as("the steps between consecutive ids vary").hasSizeGreaterThan(150);
        assertThat(steps).as("consecutive ids are not one apart").filteredOn(BigInteger.ONE::equals).hasSizeLessThan(3);
    }
}
