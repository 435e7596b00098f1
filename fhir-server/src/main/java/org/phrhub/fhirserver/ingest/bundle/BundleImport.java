package org.phrhub.fhirserver.ingest.bundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.fhirserver.identity.CanonicalDemographics;
import org.phrhub.fhirserver.identity.IdentityReviewList;
import org.phrhub.fhirserver.identity.ResidentDirectory;
import org.phrhub.fhirserver.ingest.HospitalDirectory;
import org.phrhub.fhirserver.ingest.ImportReport;
import org.phrhub.fhirserver.ingest.ImportReport.FileOutcome;
import org.phrhub.fhirserver.ingest.ImportReport.Status;
import org.phrhub.fhirserver.ingest.PatientNumberSystems;
import org.phrhub.fhirserver.ingest.RecordWriter;
import org.phrhub.fhirserver.ingest.SourceFingerprint;
import org.phrhub.fhirserver.ingest.SourceUnit;

/**
 * Imports one hospital's FHIR bundle (transaction, batch, collection or document, e.g. from Synthea or a
 * JP-CLINS document) as one source unit: stored whole under stable ids, or not at all. Its Patient entries
 * say whose data it is and are never stored as Patients of their own: what they refer to is attributed to
 * the resident's canonical Patient, which takes only what it lacks of them. A bundle of a patient the hub
 * cannot attribute yet is held for identity review.
 */
public final class BundleImport {

    private final FhirContext fhir;
    private final RecordWriter writer;
    private final PatientIdentities identities;
    private final IdentityReviewList review;
    private final HospitalDirectory hospitals;
    private final Clock clock;
    private final int workers;

    /** @param workers how many bundles of one NDJSON file are imported side by side */
    public BundleImport(FhirContext fhir, RecordWriter writer, ResidentDirectory residents, PatientNumberSystems numberSystems,
            IdentityReviewList review, HospitalDirectory hospitals, Clock clock, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a bundle import needs at least one worker, not " + workers);
        }
        this.workers = workers;
        this.fhir = fhir;
        this.writer = writer;
        this.identities = new PatientIdentities(residents, numberSystems);
        this.review = review;
        this.hospitals = hospitals;
        this.clock = clock;
    }

    /**
     * Imports the bundle in {@code body} from the hospital with the 10-digit {@code institutionCode}.
     *
     * @throws IllegalArgumentException when the body is not a FHIR Bundle in JSON, or the code no institution code
     */
    public ImportReport importBundle(byte[] body, String institutionCode) {
        HospitalDirectory.requireInstitutionCode(institutionCode);
        Bundle bundle = parse(body);
        BundleIdentity identity = BundleIdentity.of(institutionCode, bundle, fhir, clock.instant());
        ImportReport report = new ImportReport();
        report.add(importUnit(bundle, body, identity, institutionCode, hospitals.hospital(institutionCode), report));
        return report;
    }

    /**
     * Imports the bundles of an NDJSON file ({@code application/fhir+ndjson}: one FHIR Bundle in JSON per line), each
     * as one unit as {@link #importBundle} imports it, several side by side, and adds each one's outcome to
     * {@code report} in the order of the lines as soon as it is known. A line that is not a bundle, or is larger
     * than {@code maxBundleBytes}, is that line's error; the other lines go on.
     */
    public void importBundles(Path ndjson, String institutionCode, long maxBundleBytes, ImportReport report) throws IOException {
        HospitalDirectory.requireInstitutionCode(institutionCode);
        Reference hospital = hospitals.hospital(institutionCode);
        Deque<Future<ImportReport>> pending = new ArrayDeque<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("bundle-import-", 1).factory());
        try (BufferedReader lines = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String text = line;
                int lineNumber = number;
                pending.add(pool.submit(() -> importLine(text, lineNumber, institutionCode, hospital, maxBundleBytes)));
                // Read ahead only as far as the workers keep up: a file may hold a hospital's whole export.
                while (pending.size() > workers * 4) {
                    report.addAll(resultOf(pending.removeFirst()));
                }
            }
            while (!pending.isEmpty()) {
                report.addAll(resultOf(pending.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ImportReport importLine(String line, int number, String institution, Reference hospital, long maxBundleBytes) {
        ImportReport report = new ImportReport();
        byte[] body = line.getBytes(StandardCharsets.UTF_8);
        if (body.length > maxBundleBytes) {
            report.add(FileOutcome.of("line " + number, Status.ERROR, "the bundle is larger than " + maxBundleBytes
                    + " bytes; split it into several bundles"));
            return report;
        }
        Bundle bundle;
        try {
            bundle = parse(body);
        } catch (IllegalArgumentException e) {
            report.add(FileOutcome.of("line " + number, Status.ERROR, e.getMessage()));
            return report;
        }
        BundleIdentity identity = BundleIdentity.of(institution, bundle, fhir, clock.instant());
        report.add(importUnit(bundle, body, identity, institution, hospital, report));
        return report;
    }

    private static ImportReport resultOf(Future<ImportReport> line) {
        try {
            return line.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private FileOutcome importUnit(Bundle bundle, byte[] body, BundleIdentity identity, String institution, Reference hospital,
            ImportReport report) {
        String path = identity.path();
        try {
            BundleContents contents = BundleContents.of(bundle);
            List<String> warnings = SourceRecords.assign(institution, identity.key(), contents.records());
            PatientIdentities.Resolution resolution = identities.resolve(institution, contents.patients());

            BundleReferences references = new BundleReferences(fhir);
            contents.skipped().forEach(references::leaveOut);
            for (BundleEntry patient : contents.patients()) {
                Patient resident = resolution.residents().get(patient);
                // A held bundle is checked as thoroughly as any other, so that it imports once enrolled.
                references.alias(patient, resident != null ? PatientIdentities.reference(resident) : "Patient/held");
            }
            Map<BundleEntry, String> placeholders = new LinkedHashMap<>();
            for (BundleEntry record : contents.records()) {
                String placeholder = record.fullUrl() != null && record.fullUrl().startsWith("urn:uuid:")
                        ? record.fullUrl() : "urn:uuid:" + UUID.randomUUID();
                references.alias(record, placeholder);
                placeholders.put(record, placeholder);
            }
            int takenOut = 0;
            for (BundleEntry record : contents.records()) {
                takenOut += LeftOutReferences.takeOut(record.resource(), references::leftOutType);
                references.rewrite(record);
            }

            if (!resolution.unknown().isEmpty()) {
                return hold(resolution.unknown(), institution, identity);
            }
            List<Resource> resources = new ArrayList<>(canonicalPatients(resolution));
            placeholders.forEach((record, placeholder) -> {
                Resource resource = record.resource();
                resource.setId(placeholder);
                // The hub's own version and time of storing replace the sender's.
                resource.getMeta().setVersionId(null).setLastUpdated(null);
                resources.add(resource);
            });
            SourceUnit unit = new SourceUnit(identity.key(), identity.sourceUri(), path, hospital, identity.occurred());
            String notes = notes(contents, takenOut, warnings);
            // Sent before exactly so, for the same residents: the writer reports what it holds unchanged.
            String fingerprint = SourceFingerprint.of(body,
                    resolution.residents().values().stream().map(PatientIdentities::reference).distinct().toList());
            return switch (writer.store(unit, resources, Optional.of(fingerprint))) {
                case RecordWriter.Stored stored -> {
                    if (stored.created() + stored.updated() + stored.deleted() > 0) {
                        resolution.residents().values().forEach(resident -> report.wroteFor(PatientIdentities.reference(resident)));
                    }
                    yield new FileOutcome(path, Status.IMPORTED, stored.created(), stored.updated(), stored.unchanged(),
                            stored.deleted(), notes);
                }
                case RecordWriter.SupersededByStored newer -> FileOutcome.of(path, Status.SUPERSEDED,
                        "the hub holds a newer version of this bundle (timestamp " + newer.storedOccurrence() + ")");
            };
        } catch (RefusedBundleException e) {
            return FileOutcome.of(path, Status.ERROR, e.getMessage() + "; nothing of the bundle was stored");
        } catch (BaseServerResponseException | IllegalArgumentException e) {
            return FileOutcome.of(path, Status.ERROR, "the hub refused what the bundle holds: " + e.getMessage()
                    + "; nothing of it was stored");
        }
    }

    /** What the report says of an imported bundle beyond its counts: what was left out, and its warnings; or null. */
    private static String notes(BundleContents contents, int referencesTakenOut, List<String> warnings) {
        List<String> notes = new ArrayList<>();
        if (!contents.skipped().isEmpty()) {
            notes.add("skipped " + contents.skippedTypes() + (referencesTakenOut == 0 ? ""
                    : "; " + referencesTakenOut + (referencesTakenOut == 1 ? " reference" : " references")
                    + " to them taken out of what was stored"));
        }
        if (!contents.ignored().isEmpty()) {
            notes.add("ignored " + String.join("; ", contents.ignored()));
        }
        warnings.forEach(warning -> notes.add("warning: " + warning));
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    /** Each resident once, with what their Patient entries add to the canonical Patient. */
    private static List<Patient> canonicalPatients(PatientIdentities.Resolution resolution) {
        Map<String, Patient> byResident = new LinkedHashMap<>();
        resolution.residents().forEach((entry, resident) -> {
            String reference = PatientIdentities.reference(resident);
            Patient absorbedSoFar = byResident.getOrDefault(reference, resident);
            byResident.put(reference, CanonicalDemographics.absorb(absorbedSoFar, (Patient) entry.resource()));
        });
        return List.copyOf(byResident.values());
    }

    private FileOutcome hold(List<PatientIdentities.Unknown> unknown, String institution, BundleIdentity identity) {
        for (PatientIdentities.Unknown patient : unknown) {
            HeldPatient held = HeldPatient.of(patient.patientNumber(), (Patient) patient.entry().resource());
            review.hold(institution, held.patientNumber(), held.kanaName(), held.kanjiName(), held.birthDate(), held.gender(),
                    identity.sourceUri());
        }
        String numbers = String.join(", ", unknown.stream().map(PatientIdentities.Unknown::patientNumber).toList());
        return FileOutcome.of(identity.path(), Status.HELD, (unknown.size() > 1
                ? "patient numbers " + numbers + " of institution " + institution + " are"
                : "patient number " + numbers + " of institution " + institution + " is")
                + " enrolled on no resident; held for identity review, nothing stored");
    }

    private Bundle parse(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{")) {
            throw new IllegalArgumentException("the body must be a FHIR Bundle in JSON (application/fhir+json)");
        }
        IBaseResource resource;
        try {
            resource = fhir.newJsonParser().parseResource(json);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the body is not FHIR JSON: " + e.getMessage(), e);
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new IllegalArgumentException("the body must be a FHIR Bundle, not a " + resource.fhirType());
        }
        return bundle;
    }
}
