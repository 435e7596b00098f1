package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long {@code $import-status} can still find a job: finished ones for their retention, running ones always. */
class ImportJobsTest {

    private static final Duration RETENTION = Duration.ofHours(24);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private final ImportJobs jobs = new ImportJobs(RETENTION, clock);

    @AfterEach
    void stopWorker() {
        jobs.close();
    }

    @Test
    void aFinishedJobIsKeptUntilItsRetentionEndsAndThenForgotten() throws InterruptedException {
        String job = startAndWait(report -> {});

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(jobs.status(job)).get().isInstanceOf(ImportJobs.Finished.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.status(job)).isEmpty();
    }

    @Test
    void aFailedJobIsForgottenLikeAFinishedOne() throws InterruptedException {
        String job = startAndWait(report -> {
            throw new IllegalStateException("the storage could not be read");
        });

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(jobs.status(job)).get().isInstanceOf(ImportJobs.Failed.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.status(job)).isEmpty();
    }

    @Test
    void aRunningJobIsNeverForgottenAndItsRetentionCountsFromItsEnd() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        String job = jobs.start("a long import", report -> release.await(), ended::countDown);

        clock.advance(RETENTION.multipliedBy(10));
        assertThat(jobs.status(job)).get().isInstanceOf(ImportJobs.Running.class);

        release.countDown();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.status(job)).get().isInstanceOf(ImportJobs.Finished.class);

        clock.advance(RETENTION);
        assertThat(jobs.status(job)).isEmpty();
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertThat(jobs.status("no-such-job")).isEmpty();
    }

    /** Starts the work and returns once the job has ended (its clean-up runs after its status is set). */
    private String startAndWait(ImportJobs.Work work) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        String job = jobs.start("a test import", work, ended::countDown);
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        return job;
    }

    /** A clock the test moves by hand; the import worker reads it from its own thread. */
    private static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the import jobs read instants only");
        }
    }
}
