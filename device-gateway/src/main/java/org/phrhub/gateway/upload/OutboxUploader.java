package org.phrhub.gateway.upload;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.phrhub.gateway.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves readings from the outbox to the hub. Sends batches as FHIR transactions; removes entries only
 * after the server confirmed them; while the server or Keycloak is down it waits and tries again, longer
 * each time. A batch the server rejects is split until the rejected readings are found; those go to the
 * dead-letter folder with the server's reason, the rest are uploaded.
 */
public final class OutboxUploader {

    private static final Logger log = LoggerFactory.getLogger(OutboxUploader.class);

    private final Outbox outbox;
    private final ReadingTriage triage;
    private final UploadBundle bundles;
    private final FhirTransactions transactions;
    private final UploadState state;
    private final int batchSize;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Object wakeUp = new Object();

    public OutboxUploader(Outbox outbox, ReadingTriage triage, UploadBundle bundles, FhirTransactions transactions,
            UploadState state, int batchSize, Duration retryInitial, Duration retryMax) {
        this.outbox = outbox;
        this.triage = triage;
        this.bundles = bundles;
        this.transactions = transactions;
        this.state = state;
        this.batchSize = batchSize;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
    }

    /** What one pass did. */
    public record Pass(int uploaded, int deadLettered, int unbound) {

        public String describe() {
            return "uploaded " + uploaded + ", dead letters " + deadLettered + ", waiting for pairing " + unbound;
        }
    }

    /**
     * Uploads until nothing uploadable is left or the server cannot take more now.
     *
     * @throws UploadException when the server or Keycloak is unavailable or refuses the gateway; nothing is lost
     */
    public Pass uploadPending() throws UploadException, IOException {
        int uploaded = 0;
        int deadLettered = 0;
        int unbound = 0;
        List<PreparedReading> ready = new ArrayList<>();
        for (ReadingTriage.Outcome outcome : triage.triage(outbox.pending())) {
            switch (outcome) {
                case ReadingTriage.Ready r -> ready.add(r.reading());
                case ReadingTriage.Unbound u -> unbound++;
                case ReadingTriage.Unreadable u -> {
                    outbox.moveToDeadLetters(u.entry(), u.reason());
                    log.warn("Reading {} moved to the dead letters: {}", u.entry().id(), u.reason());
                    deadLettered++;
                }
            }
        }
        for (int start = 0; start < ready.size(); start += batchSize) {
            List<PreparedReading> batch = ready.subList(start, Math.min(ready.size(), start + batchSize));
            BatchResult result = send(batch);
            uploaded += result.uploaded();
            deadLettered += result.deadLettered();
        }
        state.recordSuccess(uploaded);
        return new Pass(uploaded, deadLettered, unbound);
    }

    private record BatchResult(int uploaded, int deadLettered) {}

    private BatchResult send(List<PreparedReading> batch) throws UploadException, IOException {
        Bundle transaction = bundles.build(batch);
        try {
            transactions.commit(transaction);
        } catch (UploadException e) {
            if (e.kind() != UploadException.Kind.REJECTED) {
                throw e;
            }
            if (batch.size() == 1) {
                outbox.moveToDeadLetters(batch.getFirst().entry(), e.getMessage());
                log.warn("Reading {} moved to the dead letters: {}", batch.getFirst().entry().id(), e.getMessage());
                return new BatchResult(0, 1);
            }
            // Find the rejected readings; the others must still arrive.
            int half = batch.size() / 2;
            BatchResult first = send(batch.subList(0, half));
            BatchResult second = send(batch.subList(half, batch.size()));
            return new BatchResult(first.uploaded() + second.uploaded(), first.deadLettered() + second.deadLettered());
        }
        outbox.remove(batch.stream().map(PreparedReading::entry).toList());
        return new BatchResult(batch.size(), 0);
    }

    /**
     * Uploads until interrupted: after new readings (see {@link #wake()}) or every {@code idlePoll}, and with
     * growing pauses while the hub is unavailable.
     */
    public void runUntilInterrupted(Duration idlePoll) {
        Duration backoff = retryInitial;
        while (!Thread.currentThread().isInterrupted()) {
            Duration pause = idlePoll;
            try {
                Pass pass = uploadPending();
                if (pass.uploaded() > 0 || pass.deadLettered() > 0) {
                    log.info("Upload pass: {}", pass.describe());
                }
                backoff = retryInitial;
            } catch (UploadException e) {
                state.recordFailure(e.getMessage());
                log.warn("Upload failed, readings kept; next try in {} s: {}", backoff.toSeconds(), e.getMessage());
                pause = backoff;
                backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
            } catch (IOException | RuntimeException e) {
                state.recordFailure(e.toString());
                log.error("Upload pass failed, readings kept; next try in {} s", backoff.toSeconds(), e);
                pause = backoff;
                backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
            }
            synchronized (wakeUp) {
                try {
                    wakeUp.wait(Math.max(1, pause.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** New readings are in the outbox: upload now instead of at the next poll. */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }
}
