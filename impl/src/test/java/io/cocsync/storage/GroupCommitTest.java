package io.cocsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dataDir;

    @Test
    void aCallerReturnsOnlyAfterAWriteThatBeganAfterItsCall() throws Exception {
        // each caller "commits" (bumps committed) and then waits; a write stores what is committed when it begins
        AtomicLong committed = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicInteger writes = new AtomicInteger();
        GroupCommit group = GroupCommit.writingWith(() -> {
            long upTo = committed.get();
            writes.incrementAndGet();
            sleep(2);
            stored.accumulateAndGet(upTo, Math::max);
        });
        int callers = 200;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(threads.submit(() -> {
                    long mine = committed.incrementAndGet();
                    group.awaitStored();
                    return stored.get() >= mine;
                }));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).as("the caller's commit was stored").isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(writes.get()).as("callers that waited together shared a write").isLessThan(callers / 2);
    }

    @Test
    void aFailedWriteIsThrownAndTheNextCallerWritesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit group = GroupCommit.writingWith(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(group::awaitStored).hasMessage("disk full");
        group.awaitStored();

        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void callersWaitingBehindAFailedWriteWriteThemselves() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch failFirstWrite = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit group = GroupCommit.writingWith(() -> {
            if (attempts.incrementAndGet() == 1) {
                firstWriteStarted.countDown();
                await(failFirstWrite);
                throw new IllegalStateException("disk full");
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(group::awaitStored);
            firstWriteStarted.await();
            Future<?> second = threads.submit(group::awaitStored);
            failFirstWrite.countDown();

            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("disk full");
            second.get(10, TimeUnit.SECONDS);
            assertThat(attempts.get()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theEmbeddedDatabaseIsWrittenOutOnRequestInsteadOfAfterItsWriteDelay() {
        try (Database embedded = Database.openEmbedded(dataDir)) {
            var jdbi = embedded.jdbi();
            jdbi.useHandle(handle -> handle.execute("SET WRITE_DELAY 3600000"));
            jdbi.useHandle(handle -> handle.execute("CREATE TABLE t (x INT)"));
            long writesBefore = fileWrites(embedded);
            jdbi.useHandle(handle -> handle.execute("INSERT INTO t VALUES (1)"));
            assertThat(fileWrites(embedded)).as("the commit is in memory only").isEqualTo(writesBefore);

            embedded.groupCommit().awaitStored();

            assertThat(fileWrites(embedded)).isGreaterThan(writesBefore);
        }
    }

    @Test
    void postgresqlCommitsAreDurableWhenTheyReturnSoNothingIsWaitedFor() {
        try (Database postgres = Database.at("jdbc:postgresql://127.0.0.1:1/coc", "coc", "", null)) {
            assertThat(postgres.groupCommit()).isSameAs(GroupCommit.alreadyDurable());
        }
    }

    private static long fileWrites(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT SETTING_VALUE FROM"
                        + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")
                .mapTo(Long.class)
                .one());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
