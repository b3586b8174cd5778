package io.cocsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.connectors.DiscoveredResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PageWriterTest {

    private static List<DiscoveredResource> page(String id) {
        return List.of(new DiscoveredResource("servers", id, id, "r1", Map.of()));
    }

    @Test
    void storesThePagesInTheirOrderOnItsOwnThread() {
        List<String> stored = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (PageWriter writer = new PageWriter("writer-under-test", page -> {
            stored.add(page.get(0).resourceId());
            threads.add(Thread.currentThread().getName());
        })) {
            for (int i = 0; i < 50; i++) {
                writer.accept(page("vm-" + i));
            }
            writer.finish();
        }
        assertThat(stored).hasSize(50).startsWith("vm-0", "vm-1").endsWith("vm-49");
        assertThat(threads).containsOnly("writer-under-test");
    }

    @Test
    void theConnectorReadsTheNextPageWhileOneIsStoredButNeverRunsTwoAhead() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PageWriter writer = new PageWriter("writer-under-test", page -> {
            writing.countDown();
            await(release);
        })) {
            writer.accept(page("vm-1"));
            // accept returned while vm-1 is still being stored: the connector goes on reading
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
            Thread second = new Thread(() -> writer.accept(page("vm-2")));
            second.start();
            second.join(200);
            assertThat(second.isAlive()).as("the next page waits for the one being stored").isTrue();
            release.countDown();
            second.join(5_000);
            assertThat(second.isAlive()).isFalse();
            writer.finish();
        }
    }

    @Test
    void aFailedWriteIsThrownAtTheNextPageAndByFinish() {
        IllegalStateException broken = new IllegalStateException("disk full");
        try (PageWriter writer = new PageWriter("writer-under-test", page -> {
            throw broken;
        })) {
            writer.accept(page("vm-1"));
            assertThatThrownBy(() -> writer.accept(page("vm-2"))).isSameAs(broken);
            assertThatThrownBy(writer::finish).isSameAs(broken);
        }
    }

    @Test
    void anInterruptDoesNotAbandonAPageBeingStoredAndIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> stored = new CopyOnWriteArrayList<>();
        boolean[] interruptKept = new boolean[1];
        Thread connector = new Thread(() -> {
            try (PageWriter writer = new PageWriter("writer-under-test", page -> {
                await(release);
                stored.add(page.get(0).resourceId());
            })) {
                writer.accept(page("vm-1"));
                Thread.currentThread().interrupt();
                writer.finish();
                interruptKept[0] = Thread.currentThread().isInterrupted();
            }
        });
        connector.start();
        Thread.sleep(100);
        release.countDown();
        connector.join(5_000);
        assertThat(stored).containsExactly("vm-1");
        assertThat(interruptKept[0]).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the writer");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
