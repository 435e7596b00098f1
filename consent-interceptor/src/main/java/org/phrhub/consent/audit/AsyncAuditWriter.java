package org.phrhub.consent.audit;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores AuditEvents on one background thread so that requests do not wait for their audit record.
 * {@link #close()} stops taking new events, stores every queued one and only then returns: nothing is
 * lost on an orderly shutdown. An event that cannot be stored after retries is written to the log in
 * full, at ERROR, rather than dropped.
 */
public final class AsyncAuditWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsyncAuditWriter.class);
    private static final int ATTEMPTS = 3;
    private static final AuditEvent STOP = new AuditEvent();

    private final AuditSink sink;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;

    public AsyncAuditWriter(AuditSink sink) {
        this.sink = sink;
        this.worker = Thread.ofPlatform().name("audit-writer").daemon(false).start(this::drain);
    }

    public void submit(AuditEvent event) {
        if (closed) {
            // Late events (a request finishing during shutdown) are stored on the caller's thread.
            storeWithRetries(event);
            return;
        }
        pending.incrementAndGet();
        queue.add(event);
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
        while (true) {
            AuditEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == STOP) {
                return;
            }
            try {
                storeWithRetries(event);
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    private void storeWithRetries(AuditEvent event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                sink.store(event);
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
        queue.add(STOP);
        worker.join();
    }
}
