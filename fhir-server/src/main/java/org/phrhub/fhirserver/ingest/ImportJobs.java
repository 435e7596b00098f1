package org.phrhub.fhirserver.ingest;

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
 * jobs (their stored data stays; importing the same files again is harmless).
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

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-job").factory());
    private final Map<String, Status> jobs = new ConcurrentHashMap<>();

    /** Queues the work; returns the job's id. */
    public String start(String description, Work work, Runnable cleanUp) {
        String id = UUID.randomUUID().toString();
        ImportReport report = new ImportReport();
        jobs.put(id, new Running(report));
        worker.execute(() -> {
            try {
                work.run(report);
                jobs.put(id, new Finished(report));
                log.info("Import job {} ({}) finished", id, description);
            } catch (Exception | LinkageError e) {
                jobs.put(id, new Failed(report, e.toString()));
                log.error("Import job {} ({}) failed", id, description, e);
            } finally {
                cleanUp.run();
            }
        });
        return id;
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
