package org.phrhub.consent.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores AuditEvents on one background thread so that requests do not wait for their audit record. The
 * thread gathers what arrives within a moment of the first event, and what queued up while it was busy,
 * into one batch: one page of the telehealth chart asks eight questions at once, and their eight events
 * cost about half as much stored together as one by one. A batch that cannot be stored is stored event
 * by event, so one bad event never costs the others their record. {@link #close()} stops taking new
 * events, stores every queued one and only then returns: nothing is lost on an orderly shutdown. The
 * queue is bounded: when it is full, a request stores its own events before it ends, so a database that
 * falls behind slows requests down instead of losing records. An event that cannot be stored after
 * retries is written to the log in full, at ERROR, rather than dropped.
 */
public final class AsyncAuditWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsyncAuditWriter.class);
    private static final int ATTEMPTS = 3;
    private static final AuditEvent STOP = new AuditEvent();

    /** Events stored together at most: one transaction of this size stays well under a second. */
    static final int MOST_PER_BATCH = 200;

    /** Events waiting at most before requests store their own: minutes of a busy node's requests. */
    static final int MOST_QUEUED = 20_000;

    /** How long the writer waits for more events after the first: what an abrupt stop loses grows by as much. */
    static final Duration GATHERING = Duration.ofMillis(50);

    private final AuditSink sink;
    private final BlockingQueue<AuditEvent> queue;
    private final Duration gathering;
    private final Thread worker;
    private final AtomicInteger pending = new AtomicInteger();
    /** Events the worker has taken from the queue and not yet stored: the batch it gathers or writes. */
    private final AtomicInteger taken = new AtomicInteger();
    private volatile boolean closed;

    public AsyncAuditWriter(AuditSink sink) {
        this(sink, MOST_QUEUED, GATHERING);
    }

    AsyncAuditWriter(AuditSink sink, int mostQueued, Duration gathering) {
        this.sink = sink;
        this.queue = new LinkedBlockingQueue<>(mostQueued);
        this.gathering = gathering;
        this.worker = Thread.ofPlatform().name("audit-writer").daemon(false).start(this::drain);
    }

    public void submit(AuditEvent event) {
        if (closed) {
            // Late events (a request finishing during shutdown) are stored on the caller's thread.
            storeWithRetries(event);
            return;
        }
        pending.incrementAndGet();
        if (!queue.offer(event)) {
            storeCounted(event);
        }
    }

    /**
     * Events not yet stored: those waiting in the queue and the batch being gathered or written. What an
     * abrupt stop would lose.
     */
    public int queued() {
        return queue.size() + taken.get();
    }

    /**
     * A request has started that may submit events when it finishes; {@link #awaitIdle} waits for it as for a
     * queued event until {@link #requestEventsSubmitted} says it is done.
     */
    public void expectEventsOfRequest() {
        pending.incrementAndGet();
    }

    /** The request announced with {@link #expectEventsOfRequest} has submitted all it will. */
    public void requestEventsSubmitted() {
        pending.decrementAndGet();
    }

    /** Waits until every event submitted so far, and every request expected to submit some, is stored; for tests and benchmarks. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(MOST_PER_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stopping = batch.remove(STOP);
            try {
                storeBatch(batch);
            } finally {
                pending.addAndGet(-batch.size());
                taken.set(0);
                batch.clear();
            }
        }
    }

    /**
     * Waits for an event, then takes what arrives until the gathering time is up, and what is queued by then,
     * until the batch is full or the stop comes.
     */
    private void gather(List<AuditEvent> batch) throws InterruptedException {
        take(batch, queue.take());
        long until = System.nanoTime() + gathering.toNanos();
        while (batch.size() < MOST_PER_BATCH && batch.getLast() != STOP) {
            long left = until - System.nanoTime();
            AuditEvent next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            take(batch, next);
        }
    }

    private void take(List<AuditEvent> batch, AuditEvent event) {
        if (event != STOP) {
            taken.incrementAndGet();
        }
        batch.add(event);
    }

    private void storeBatch(List<AuditEvent> batch) {
        if (batch.size() == 1) {
            storeWithRetries(batch.getFirst());
        } else if (batch.size() > 1) {
            try {
                sink.store(batch);
            } catch (RuntimeException e) {
                log.warn("Storing {} AuditEvents together failed ({}); storing them one by one", batch.size(), e.getMessage());
                batch.forEach(this::storeWithRetries);
            }
        }
    }

    /** Stores an event counted in {@code pending} outside the worker, and releases it. */
    private void storeCounted(AuditEvent event) {
        try {
            storeWithRetries(event);
        } finally {
            pending.decrementAndGet();
        }
    }

    private void storeWithRetries(AuditEvent event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                sink.store(List.of(event));
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    log.error("Could not store an AuditEvent after {} attempts; keeping it here: {}",
                            ATTEMPTS, AuditEventFactory.toJson(event), e);
                } else {
                    log.warn("Storing an AuditEvent failed (attempt {} of {}): {}", attempt, ATTEMPTS, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        queue.put(STOP);
        worker.join();
        // An event submitted while the writer was stopping may have queued behind the stop.
        List<AuditEvent> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(this::storeCounted);
    }
}
