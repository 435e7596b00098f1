package org.phrhub.consent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * The audit writer stores what queued up while it was busy as one batch, never loses or doubles an event
 * when a batch fails, and stores everything queued before it stops.
 */
class AsyncAuditWriterTest {

    /** A sink that holds its first call until released, and remembers every call that succeeded. */
    private static final class HeldSink implements AuditSink {
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<String>> storedCalls = Collections.synchronizedList(new ArrayList<>());
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void store(List<AuditEvent> events) {
            if (firstCallStarted.getCount() > 0) {
                firstCallStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (events.stream().anyMatch(e -> refused.contains(e.getId()))) {
                throw new IllegalStateException("refused " + events.size() + " events");
            }
            storedCalls.add(events.stream().map(AuditEvent::getId).toList());
        }

        List<String> stored() {
            synchronized (storedCalls) {
                return storedCalls.stream().flatMap(List::stream).toList();
            }
        }
    }

    private static AuditEvent event(String id) {
        AuditEvent event = new AuditEvent();
        event.setId(id);
        return event;
    }

    /** Submits e0 and waits until the sink holds it, so that what is submitted next queues up behind it. */
    private static void keepBusy(AsyncAuditWriter writer, HeldSink sink) throws InterruptedException {
        writer.submit(event("e0"));
        assertThat(sink.firstCallStarted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "e" + i).toList();
    }

    @Test
    void eventsQueuedWhileTheWriterIsBusyAreStoredTogether() throws Exception {
        HeldSink sink = new HeldSink();
        try (AsyncAuditWriter writer = new AsyncAuditWriter(sink)) {
            keepBusy(writer, sink);
            ids(1, 51).forEach(id -> writer.submit(event(id)));
            assertThat(writer.queued()).as("e0, being stored, and the 50 behind it").isEqualTo(51);
            sink.release.countDown();

            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.storedCalls).containsExactly(List.of("e0"), ids(1, 51));
            assertThat(writer.queued()).isZero();
        }
    }

    @Test
    void eventsArrivingWithinTheGatheringTimeOfAnIdleWriterAreStoredTogether() throws Exception {
        HeldSink sink = new HeldSink();
        sink.release.countDown();
        try (AsyncAuditWriter writer = new AsyncAuditWriter(sink, AsyncAuditWriter.MOST_QUEUED, Duration.ofSeconds(3))) {
            writer.submit(event("e0"));
            Thread.sleep(200);
            writer.submit(event("e1"));
            writer.submit(event("e2"));

            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.storedCalls).containsExactly(List.of("e0", "e1", "e2"));
        }
    }

    @Test
    void aBatchIsNeverLargerThanItsLimit() throws Exception {
        HeldSink sink = new HeldSink();
        try (AsyncAuditWriter writer = new AsyncAuditWriter(sink)) {
            keepBusy(writer, sink);
            int queued = AsyncAuditWriter.MOST_PER_BATCH * 2 + 7;
            ids(1, queued + 1).forEach(id -> writer.submit(event(id)));
            sink.release.countDown();

            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.storedCalls).allMatch(call -> call.size() <= AsyncAuditWriter.MOST_PER_BATCH);
            assertThat(sink.stored()).containsExactlyElementsOf(ids(0, queued + 1));
        }
    }

    @Test
    void oneEventTheStoreRefusesCostsTheOthersOfItsBatchNothing() throws Exception {
        HeldSink sink = new HeldSink();
        sink.refused.add("e7");
        try (AsyncAuditWriter writer = new AsyncAuditWriter(sink)) {
            keepBusy(writer, sink);
            ids(1, 21).forEach(id -> writer.submit(event(id)));
            sink.release.countDown();

            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            List<String> expected = new ArrayList<>(ids(0, 21));
            expected.remove("e7");
            assertThat(sink.stored()).as("every other event once, the refused one not at all").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void closingStoresEveryQueuedEvent() throws Exception {
        HeldSink sink = new HeldSink();
        AsyncAuditWriter writer = new AsyncAuditWriter(sink);
        keepBusy(writer, sink);
        ids(1, 31).forEach(id -> writer.submit(event(id)));
        sink.release.countDown();

        writer.close();

        assertThat(sink.stored()).containsExactlyElementsOf(ids(0, 31));
        writer.submit(event("late"));
        assertThat(sink.stored()).as("stored on the caller's thread once closed").endsWith("late");
    }

    @Test
    void whenTheQueueIsFullTheRequestStoresItsOwnEvent() throws Exception {
        HeldSink sink = new HeldSink();
        try (AsyncAuditWriter writer = new AsyncAuditWriter(sink, 2, AsyncAuditWriter.GATHERING)) {
            keepBusy(writer, sink);
            writer.submit(event("e1"));
            writer.submit(event("e2"));

            writer.submit(event("e3"));

            assertThat(sink.storedCalls).as("stored before submit returned, while the writer still waits")
                    .containsExactly(List.of("e3"));
            sink.release.countDown();
            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.stored()).containsExactlyInAnyOrder("e0", "e1", "e2", "e3");
        }
    }
}
