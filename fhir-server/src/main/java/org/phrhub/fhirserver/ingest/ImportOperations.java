package org.phrhub.fhirserver.ingest;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.consent.hapi.WriteAudit;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipException;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.fhirserver.ingest.bundle.BundleImport;
import org.phrhub.fhirserver.ingest.ssmix2.Ssmix2Import;
import org.phrhub.fhirserver.ingest.ssmix2.ZippedStorage;
import org.phrhub.vocabulary.JpCore;

/**
 * The importer's operations: {@code $import-ssmix2} (a zipped storage tree) and {@code $import-status} (of
 * an import running as a job), and {@code $import-bundle} (a FHIR bundle). The access rules let only the
 * {@code ehr-importer} client call them. Enrolment and identity review are the identity package's
 * ({@code identity.IdentityOperations}).
 */
public final class ImportOperations {

    static final String IMPORT_SSMIX2 = "$import-ssmix2";
    static final String IMPORT_STATUS = "$import-status";
    static final String IMPORT_BUNDLE = "$import-bundle";
    /** Many bundles in one body, one per line. */
    public static final String NDJSON = "application/fhir+ndjson";
    /** The names the operations below are declared with; the consent layer admits only the importer to them. */
    public static final Set<String> NAMES = Set.of(IMPORT_SSMIX2, IMPORT_STATUS, IMPORT_BUNDLE);

    private final Ssmix2Import ssmix2;
    private final ZippedStorage zips;
    private final BundleImport bundles;
    private final long maxBundleBytes;
    private final long maxUploadBytes;
    private final ImportJobs jobs;
    private final ConsentGuard guard;
    private final FhirContext fhir;

    public ImportOperations(Ssmix2Import ssmix2, ZippedStorage zips, BundleImport bundles, long maxBundleBytes,
            long maxUploadBytes, ImportJobs jobs, ConsentGuard guard, FhirContext fhir) {
        this.maxUploadBytes = maxUploadBytes;
        this.guard = guard;
        this.bundles = bundles;
        this.maxBundleBytes = maxBundleBytes;
        this.jobs = jobs;
        this.fhir = fhir;
        this.ssmix2 = ssmix2;
        this.zips = zips;
    }

    /**
     * {@code POST /fhir/$import-ssmix2?institution=<10 digits>} with the zip as body. Answers the import
     * report; with {@code Prefer: respond-async} answers 202 at once and the report is polled at the
     * {@code Content-Location} it names ({@code $import-status}).
     */
    @Operation(name = IMPORT_SSMIX2, manualRequest = true, manualResponse = true, idempotent = false)
    public void importSsmix2(HttpServletRequest request, HttpServletResponse response, RequestDetails details)
            throws IOException {
        String institution = HospitalDirectory.requireInstitutionCodeOfRequest(request.getParameter("institution"), "$import-ssmix2 needs ?institution=: ");
        TemporaryFolder folder = TemporaryFolder.create("ssmix2-import-");
        ZippedStorage.OpenedStorage storage = null;
        boolean handedToJob = false;
        try {
            storage = zips.open(request.getInputStream(), folder.path());
            Path root = storage.root();
            WriteAudit audit = guard.writeAudit(details, "import of hospital records (SS-MIX2) of institution " + institution);
            if (prefersAsync(request)) {
                ZippedStorage.OpenedStorage opened = storage;
                String job = jobs.start("SS-MIX2 of institution " + institution,
                        report -> importAudited(root, institution, report, audit), () -> close(opened, folder));
                handedToJob = true;
                response.setHeader("Content-Location", statusUrl(request, job));
                write(response, 202, accepted(job));
                return;
            }
            ImportReport report = new ImportReport();
            importAudited(root, institution, report, audit);
            write(response, 200, report.toParameters());
        } catch (ZipException e) {
            throw new InvalidRequestException("$import-ssmix2 takes a zip of an SS-MIX2 storage tree: " + e.getMessage());
        } finally {
            if (!handedToJob) {
                close(storage, folder);
            }
        }
    }

    /** The archive first, then the folder it lies in. */
    private static void close(ZippedStorage.OpenedStorage storage, TemporaryFolder folder) {
        try {
            if (storage != null) {
                storage.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the uploaded archive: " + e.getMessage(), e);
        } finally {
            folder.close();
        }
    }

    /** Imports the tree; what it wrote is audited even when it stops part way. */
    private void importAudited(Path root, String institution, ImportReport report, WriteAudit audit) throws IOException {
        try {
            ssmix2.importTree(root, institution, report);
        } finally {
            audit.written(report.writtenFor());
        }
    }

    /**
     * {@code GET /fhir/$import-status?job=<id>}: 202 with the report so far while the job runs, 200 with the
     * whole report when it has finished, 500 with the reason when it failed.
     */
    @Operation(name = IMPORT_STATUS, idempotent = true, manualResponse = true)
    public void importStatus(@OperationParam(name = "job", min = 1) StringType job, HttpServletResponse response)
            throws IOException {
        ImportJobs.Status status = jobs.status(job.getValue()).orElseThrow(() -> new ResourceNotFoundException(
                "no import job " + job.getValue() + " (finished jobs are kept for " + jobs.retention() + ", set by "
                        + ImportProperties.FINISHED_JOB_RETENTION + ", and a server restart forgets them all)"));
        switch (status) {
            case ImportJobs.Running running -> write(response, 202, running.report().toParameters());
            case ImportJobs.Finished finished -> write(response, 200, finished.report().toParameters());
            case ImportJobs.Failed failed -> {
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.EXCEPTION)
                        .setDiagnostics("import job " + job.getValue() + " failed: " + failed.reason()
                                + "; the files reported before it stopped were stored, the rest were not");
                write(response, 500, outcome);
            }
        }
    }

    /**
     * {@code POST /fhir/$import-bundle?institution=<10 digits>} with a FHIR Bundle in JSON as body; or, with
     * {@code Content-Type: application/fhir+ndjson}, many bundles, one per line, imported side by side and reported
     * in their order (with {@code Prefer: respond-async} as a job, as {@code $import-ssmix2}).
     */
    @Operation(name = IMPORT_BUNDLE, manualRequest = true, manualResponse = true, idempotent = false)
    public void importBundle(HttpServletRequest request, HttpServletResponse response, RequestDetails details) throws IOException {
        String institution = HospitalDirectory.requireInstitutionCodeOfRequest(request.getParameter("institution"), "$import-bundle needs ?institution=: ");
        if (isNdjson(request)) {
            importBundles(request, response, details, institution);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(Math.toIntExact(Math.min(maxBundleBytes + 1, Integer.MAX_VALUE - 8)));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle could not be read: " + e.getMessage(), e);
        }
        if (body.length > maxBundleBytes) {
            throw new InvalidRequestException("$import-bundle takes bundles of at most " + maxBundleBytes
                    + " bytes; split the data into several bundles");
        }
        try {
            ImportReport report = bundles.importBundle(body, institution);
            guard.writeAudit(details, "import of hospital records (FHIR bundle) of institution " + institution)
                    .written(report.writtenFor());
            write(response, 200, report.toParameters());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("$import-bundle takes a FHIR Bundle in JSON: " + e.getMessage());
        }
    }

    /** Many bundles, kept as a file first so that a job can read them after the request is answered. */
    private void importBundles(HttpServletRequest request, HttpServletResponse response, RequestDetails details,
            String institution) throws IOException {
        TemporaryFolder folder = TemporaryFolder.create("bundle-import-");
        boolean handedToJob = false;
        try {
            Path file = folder.path().resolve("bundles.ndjson");
            keep(request.getInputStream(), file);
            WriteAudit audit = guard.writeAudit(details, "import of hospital records (FHIR bundles) of institution " + institution);
            if (prefersAsync(request)) {
                String job = jobs.start("FHIR bundles of institution " + institution,
                        report -> importBundlesAudited(file, institution, report, audit), folder::close);
                handedToJob = true;
                response.setHeader("Content-Location", statusUrl(request, job));
                write(response, 202, accepted(job));
                return;
            }
            ImportReport report = new ImportReport();
            importBundlesAudited(file, institution, report, audit);
            write(response, 200, report.toParameters());
        } finally {
            if (!handedToJob) {
                folder.close();
            }
        }
    }

    /** Imports the file's bundles; what they wrote is audited even when the import stops part way. */
    private void importBundlesAudited(Path file, String institution, ImportReport report, WriteAudit audit) throws IOException {
        try {
            bundles.importBundles(file, institution, maxBundleBytes, report);
        } finally {
            audit.written(report.writtenFor());
        }
    }

    /** The body as a file, refused past the upload limit. */
    private void keep(java.io.InputStream body, Path file) throws IOException {
        long bytes = 0;
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = body.read(buffer)) > 0) {
                bytes += read;
                if (bytes > maxUploadBytes) {
                    throw new InvalidRequestException("$import-bundle takes at most " + maxUploadBytes
                            + " bytes of NDJSON in one request; split the load");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private static boolean isNdjson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON);
    }

    private static boolean prefersAsync(HttpServletRequest request) {
        String prefer = request.getHeader("Prefer");
        return prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async");
    }

    private static String statusUrl(HttpServletRequest request, String job) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.lastIndexOf('/')) + "/$import-status?job=" + job;
    }

    private static OperationOutcome accepted(String job) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("import job " + job + " accepted; poll the Content-Location for its report");
        return outcome;
    }

    private void write(HttpServletResponse response, int status, IBaseResource body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(fhir.newJsonParser().encodeResourceToString(body));
        response.getWriter().flush();
    }
}
