package org.phrhub.fhirserver.ingest;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the regional EHR import ({@code phrhub.import.*}).
 *
 * @param maxUploadBytes the most an uploaded SS-MIX2 zip may unpack to
 * @param maxUploadFiles the most files it may hold
 * @param maxBundleBytes the most a FHIR bundle given to {@code $import-bundle} may be
 * @param patientNumberSystems by 10-digit institution code, the identifier system that institution's bundles carry
 *     its patient numbers under, where it is not JP Core's ({@link PatientNumberSystems})
 * @param finishedJobRetention how long {@code $import-status} still answers for an import job that has finished
 *     or failed ({@link ImportJobs})
 * @param workers how many patients' files one SS-MIX2 import reads and stores side by side; 0 (the default) takes
 *     one per processor, at most {@value #MOST_DEFAULT_WORKERS}. Each worker holds a database connection while it
 *     stores, so the pool must have room for them beside the other requests.
 */
@ConfigurationProperties(prefix = "phrhub.import")
public record ImportProperties(
        @DefaultValue("1073741824") long maxUploadBytes,
        @DefaultValue("200000") int maxUploadFiles,
        @DefaultValue("104857600") long maxBundleBytes,
        Map<String, String> patientNumberSystems,
        @DefaultValue("PT24H") Duration finishedJobRetention,
        @DefaultValue("0") int workers) {

    private static final int MOST_DEFAULT_WORKERS = 4;

    public static final String FINISHED_JOB_RETENTION = "phrhub.import.finished-job-retention";

    public ImportProperties {
        patientNumberSystems = patientNumberSystems == null ? Map.of() : Map.copyOf(patientNumberSystems);
        if (workers < 0) {
            throw new IllegalArgumentException("phrhub.import.workers must be 0 (one per processor) or more, not " + workers);
        }
        if (workers == 0) {
            workers = Math.min(MOST_DEFAULT_WORKERS, Runtime.getRuntime().availableProcessors());
        }
        // Zero would forget a job as it finishes, before the importer could ever read its report.
        if (finishedJobRetention == null || finishedJobRetention.isNegative() || finishedJobRetention.isZero()) {
            throw new IllegalArgumentException(FINISHED_JOB_RETENTION + " must be a positive duration (e.g. PT24H), not "
                    + finishedJobRetention);
        }
    }
}
