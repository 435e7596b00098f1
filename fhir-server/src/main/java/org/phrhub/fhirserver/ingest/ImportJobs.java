package org.phrhub.fhirserver.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports that run after their request has been answered, so that a large load is not bound to one HTTP
 * exchange; the importer polls their status. Jobs run one after the other: an import is bound by the
 * database, and two at once would only compete for it. The list lives in memory: a restart forgets the
 * jobs (their stored data stays; importing the same files again is harmless). A job that has finished or
 * failed is forgotten once its retention has passed, so that a long-running server does not keep every
 * report it ever made; a running job is kept however long it takes.
 */
public final class ImportJobs implements AutoCloseable {

    /** Runs an import into the report it is given, so the report shows progress while it runs. */
    public interface Work {
        void run(ImportReport report) throws Exception;
    }

    public sealed interface Status permits Running, Finished, Failed {
        ImportReport report();
    }

    public record Running(ImportReport report) implements Status {}

    public record Finished(ImportReport report) implements Status {}

    public record Failed(ImportReport report, String reason) implements Status {}

    /** A job's status and, once it has finished or failed, when. */
    private record Job(Status status, Optional<Instant> ended) {

        static Job running(ImportReport report) {
            return new Job(new Running(report), Optional.empty());
        }

        static Job ended(Status status, Instant at) {
            return new Job(status, Optional.of(at));
        }

        boolean expired(Instant now, Duration retention) {
            return ended.filter(at -> !now.isBefore(at.plus(retention))).isPresent();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-job").factory());
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;

    /** Finished and failed jobs are kept for {@code retention} after they end. */
    public ImportJobs(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** Queues the work; returns the job's id. */
    public String start(String description, Work work, Runnable cleanUp) {
        forgetExpired();
        String id = UUID.randomUUID().toString();
        ImportReport report = new ImportReport();
        jobs.put(id, Job.running(report));
        worker.execute(() -> {
            try {
                work.run(report);
                jobs.put(id, Job.ended(new Finished(report), clock.instant()));
                log.info("Import job {} ({}) finished", id, description);
            } catch (Exception | LinkageError e) {
                jobs.put(id, Job.ended(new Failed(report, e.toString()), clock.instant()));
                log.error("Import job {} ({}) failed", id, description, e);
            } finally {
                cleanUp.run();
            }
        });
        return id;
    }

    /** The job's status; empty when there never was such a job or it has been forgotten. */
    public Optional<Status> status(String id) {
        forgetExpired();
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    /** How long a finished or failed job is kept. */
    public Duration retention() {
        return retention;
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        jobs.values().removeIf(job -> job.expired(now, retention));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
