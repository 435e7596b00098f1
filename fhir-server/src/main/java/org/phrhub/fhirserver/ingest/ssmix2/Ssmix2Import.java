package org.phrhub.fhirserver.ingest.ssmix2;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.hl7v2.model.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.phrhub.fhirserver.ingest.RecordWriter;
import org.phrhub.fhirserver.ingest.SourceFingerprint;
import org.phrhub.fhirserver.ingest.SourceUnit;
import org.phrhub.ingest.ssmix2.hl7.Hl7ReadException;
import org.phrhub.ingest.ssmix2.hl7.Hl7Times;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.ingest.ssmix2.map.DataTypeMapper;
import org.phrhub.ingest.ssmix2.map.MappingContext;
import org.phrhub.ingest.ssmix2.map.MappingException;
import org.phrhub.ingest.ssmix2.map.SourcePatient;
import org.phrhub.ingest.ssmix2.map.Ssmix2Mappers;
import org.phrhub.ingest.ssmix2.storage.StorageFile;
import org.phrhub.ingest.ssmix2.storage.StorageTree;
import org.phrhub.vocabulary.HubImportCodes;
import org.springframework.web.util.UriUtils;

/**
 * Imports one hospital's SS-MIX2 storage tree, standardized and extended storage alike. Per record
 * (patient, date, data type, order, department) only the newest file counts: older ones are reported
 * superseded, and a newest file flagged deleted removes what the record's earlier import made. Each file is
 * checked and mapped on its own, so a bad file changes nothing and the rest go on; a patient folder's records
 * are then stored together, few transactions for many records, and one the server refuses fails alone.
 */
public final class Ssmix2Import {

    /**
     * At most this many records in one transaction: a patient's folder may hold years of them, and one
     * transaction holds its locks, and the request's memory, until all are stored.
     */
    private static final int UNITS_PER_TRANSACTION = 25;

    /** One reader per worker: HAPI's parser is not documented as safe for threads sharing it. */
    private final ThreadLocal<Ssmix2MessageReader> reader = ThreadLocal.withInitial(Ssmix2MessageReader::new);
    private final Ssmix2Mappers mappers;
    private final RecordWriter writer;
    private final ResidentDirectory residents;
    private final IdentityReviewList review;
    private final HospitalDirectory hospitals;
    private final int workers;

    /** @param workers how many patients' files are read and stored side by side */
    public Ssmix2Import(Ssmix2Mappers mappers, RecordWriter writer, ResidentDirectory residents,
            IdentityReviewList review, HospitalDirectory hospitals, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("an SS-MIX2 import needs at least one worker, not " + workers);
        }
        this.workers = workers;
        this.mappers = mappers;
        this.writer = writer;
        this.residents = residents;
        this.review = review;
        this.hospitals = hospitals;
    }

    public ImportReport importTree(Path root, String institutionCode) throws IOException {
        ImportReport report = new ImportReport();
        importTree(root, institutionCode, report);
        return report;
    }

    /** As above, adding each file's outcome to {@code report} as soon as it is known. */
    public void importTree(Path root, String institutionCode, ImportReport report) throws IOException {
        HospitalDirectory.requireInstitutionCode(institutionCode);
        List<StorageTree.Entry> entries = new StorageTree(root).entries();
        Reference hospital = hospitals.hospital(institutionCode);
        Map<String, List<StorageFile>> byRecord = new LinkedHashMap<>();
        for (StorageTree.Entry entry : entries) {
            switch (entry) {
                case StorageTree.Misplaced misplaced ->
                        report.add(FileOutcome.of(misplaced.relativePath(), Status.ERROR, misplaced.reason()));
                case StorageTree.Skipped skipped ->
                        report.add(FileOutcome.of(skipped.relativePath(), Status.SKIPPED, skipped.reason()));
                case StorageTree.Placed placed ->
                        byRecord.computeIfAbsent(placed.file().name().recordKey(), key -> new ArrayList<>()).add(placed.file());
            }
        }
        List<StorageFile> newestFiles = new ArrayList<>();
        for (List<StorageFile> files : byRecord.values()) {
            // Occurrences are instants whatever the length of the stamp they were read from (14 to 17 digits).
            files.sort(Comparator.comparing((StorageFile file) -> file.name().occurrence()).thenComparing(StorageFile::relativePath));
            StorageFile newest = files.getLast();
            for (StorageFile older : files.subList(0, files.size() - 1)) {
                report.add(FileOutcome.of(older.relativePath(), Status.SUPERSEDED,
                        "superseded by " + newest.relativePath() + ", the newer file of the same record"));
            }
            newestFiles.add(newest);
        }
        List<SourceUnit> units = newestFiles.stream().map(file -> unitOf(file, institutionCode, hospital)).toList();
        // Whom each patient number is enrolled on, asked for all at once.
        Map<String, Optional<Patient>> enrolled = new ConcurrentHashMap<>(residents.byPatientNumbers(institutionCode,
                newestFiles.stream().map(file -> file.name().patientId()).toList()));
        // What the hub holds of these records, read at once: a file imported before as it is now is not read again.
        Map<String, RecordWriter.StoredUnit> held = writer.storedUnits(units);
        // A patient's files lie together in the storage. Each patient's are read and stored by one worker, a few
        // transactions at a time; patients are taken on side by side, and reported in the storage's order.
        List<Future<ImportReport>> patients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ssmix2-import-", 1).factory());
        try {
            int first = 0;
            for (int i = 1; i <= newestFiles.size(); i++) {
                if (i == newestFiles.size() || !patientOf(newestFiles.get(i)).equals(patientOf(newestFiles.get(first)))) {
                    int from = first;
                    int to = i;
                    patients.add(pool.submit(() -> importPatient(newestFiles.subList(from, to), units.subList(from, to),
                            institutionCode, enrolled, held)));
                    first = i;
                }
            }
            for (Future<ImportReport> patient : patients) {
                report.addAll(outcomeOf(patient));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One patient's files, read and stored in order; what became of them, to be reported in the storage's order. */
    private ImportReport importPatient(List<StorageFile> files, List<SourceUnit> units, String institutionCode,
            Map<String, Optional<Patient>> enrolled, Map<String, RecordWriter.StoredUnit> held) {
        ImportReport report = new ImportReport();
        List<Prepared> batch = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            StorageFile file = files.get(i);
            if (!batch.isEmpty() && storedBefore(batch, file)) {
                store(batch, report);
                batch.clear();
            }
            batch.add(prepare(file, units.get(i), institutionCode, enrolled, held, report));
        }
        store(batch, report);
        return report;
    }

    /** A patient's report once its worker is done; what stopped a worker stops the import, as it would without workers. */
    private static ImportReport outcomeOf(Future<ImportReport> patient) throws IOException {
        try {
            return patient.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static String patientOf(StorageFile file) {
        return file.name().patientId();
    }

    /** What reading a file came to: an outcome already, or its records, to store. */
    private sealed interface Prepared permits Done, Mapped {
        StorageFile file();
    }

    private record Done(StorageFile file, FileOutcome outcome) implements Prepared {}

    private record Mapped(StorageFile file, RecordWriter.UnitToStore toStore, String subject) implements Prepared {}

    /**
     * Whether the batch is stored before the file is read: it holds another patient's records, or as many
     * as one transaction takes, or a demographics file while this is one too (the second is absorbed into
     * the Patient as the first left it).
     */
    private static boolean storedBefore(List<Prepared> batch, StorageFile file) {
        List<Mapped> mapped = batch.stream().filter(Mapped.class::isInstance).map(Mapped.class::cast).toList();
        return !patientOf(batch.getFirst()).equals(file.name().patientId())
                || mapped.size() == UNITS_PER_TRANSACTION
                || isDemographics(file) && mapped.stream().anyMatch(held -> isDemographics(held.file()));
    }

    private static boolean isDemographics(StorageFile file) {
        return file.name().dataType().equals("ADT-00");
    }

    private static String patientOf(Prepared prepared) {
        return prepared.file().name().patientId();
    }

    /**
     * Stores the mapped files of a batch together, and reports every file of it in order. The files a failed
     * transaction held are stored one by one, so that only the one refused is reported as an error.
     */
    private void store(List<Prepared> batch, ImportReport report) {
        List<Mapped> mapped = batch.stream().filter(Mapped.class::isInstance).map(Mapped.class::cast).toList();
        List<Optional<RecordWriter.Outcome>> outcomes = writer.storeTogether(mapped.stream().map(Mapped::toStore).toList());
        int next = 0;
        for (Prepared prepared : batch) {
            switch (prepared) {
                case Done done -> report.add(done.outcome());
                case Mapped file -> {
                    Optional<RecordWriter.Outcome> outcome = outcomes.get(next++);
                    report.add(outcome.isPresent() ? outcomeOf(file, outcome.get(), report) : storeAlone(file, report));
                }
            }
        }
    }

    private FileOutcome storeAlone(Mapped mapped, ImportReport report) {
        RecordWriter.UnitToStore toStore = mapped.toStore();
        try {
            return outcomeOf(mapped, writer.store(toStore.unit(), toStore.resources(), toStore.fingerprint()), report);
        } catch (BaseServerResponseException | IllegalArgumentException e) {
            return refused(mapped.file().relativePath(), e);
        }
    }

    private static FileOutcome refused(String path, RuntimeException e) {
        return FileOutcome.of(path, Status.ERROR, "the hub refused what the file maps to: " + e.getMessage());
    }

    private static FileOutcome outcomeOf(Mapped mapped, RecordWriter.Outcome outcome, ImportReport report) {
        String path = mapped.file().relativePath();
        return switch (outcome) {
            case RecordWriter.Stored stored -> {
                if (stored.created() + stored.updated() + stored.deleted() > 0) {
                    report.wroteFor(mapped.subject());
                }
                yield new FileOutcome(path, Status.IMPORTED, stored.created(), stored.updated(), stored.unchanged(),
                        stored.deleted(), null);
            }
            case RecordWriter.SupersededByStored newer -> FileOutcome.of(path, Status.SUPERSEDED,
                    "the hub holds a newer file of this record (occurrence " + newer.storedOccurrence() + ")");
        };
    }

    private static SourceUnit unitOf(StorageFile file, String institutionCode, Reference hospital) {
        String path = file.relativePath();
        return new SourceUnit(institutionCode + "/" + file.name().recordKey(),
                HubImportCodes.SSMIX2_SOURCE_SCHEME + institutionCode + "/" + uriPath(path), path, hospital,
                file.name().occurrence().atZone(Hl7Times.JAPAN).toInstant());
    }

    /**
     * Reads and maps one file, or says what became of it without storing anything: flagged deleted (removed
     * at once), a data type not imported, unchanged since its last import, unreadable, of a patient the hub
     * does not know.
     */
    private Prepared prepare(StorageFile file, SourceUnit unit, String institutionCode,
            Map<String, Optional<Patient>> enrolled, Map<String, RecordWriter.StoredUnit> held, ImportReport report) {
        String path = file.relativePath();
        try {
            if (file.name().deleted()) {
                RecordWriter.Stored removed = writer.remove(unit);
                if (removed.deleted() > 0) {
                    enrolled.computeIfAbsent(file.name().patientId(), number -> residents.byPatientNumber(institutionCode, number))
                            .ifPresent(resident -> report.wroteFor(reference(resident)));
                }
                return new Done(file, new FileOutcome(path, Status.DELETED, 0, 0, 0, removed.deleted(),
                        removed.deleted() == 0 ? "flagged deleted; nothing of the record was stored" : "flagged deleted"));
            }
            Optional<DataTypeMapper> mapper = mappers.forDataType(file.name().dataType());
            if (mapper.isEmpty()) {
                return new Done(file, FileOutcome.of(path, Status.SKIPPED, "data type " + file.name().dataType()
                        + " is not imported (the hub reads " + String.join(", ", mappers.supported()) + ")"));
            }
            byte[] content = Files.readAllBytes(file.path());
            // Demographics (ADT-00) too: the resident's Patient takes only what it lacks of them, so the same file
            // absorbed again would add nothing.
            Optional<String> fingerprint = enrolled.computeIfAbsent(file.name().patientId(),
                            number -> residents.byPatientNumber(institutionCode, number))
                    .map(resident -> SourceFingerprint.of(content, List.of(reference(resident))));
            RecordWriter.StoredUnit before = held.get(unit.key());
            if (fingerprint.isPresent() && before != null && before.madeFrom(unit, fingerprint.get())) {
                return new Done(file, new FileOutcome(path, Status.IMPORTED, 0, 0, before.resources(), 0, null));
            }
            Message message = reader.get().read(content);
            SourcePatient patient = SourcePatient.of(message);
            if (!patient.patientNumber().equals(file.name().patientId())) {
                return new Done(file, FileOutcome.of(path, Status.ERROR, "PID-3 names patient " + patient.patientNumber()
                        + " but the file lies in the storage of patient " + file.name().patientId()
                        + "; not imported, the hub does not guess which is right"));
            }
            Optional<Patient> resident = enrolled.computeIfAbsent(patient.patientNumber(),
                    number -> residents.byPatientNumber(institutionCode, number));
            if (resident.isEmpty()) {
                review.hold(institutionCode, patient, path);
                return new Done(file, FileOutcome.of(path, Status.HELD, "patient number " + patient.patientNumber() + " of institution "
                        + institutionCode + " is enrolled on no resident; held for identity review"));
            }
            Reference subject = new Reference(reference(resident.get()));
            List<Resource> resources = mapper.get().map(message, new MappingContext(institutionCode, file.name(), subject));
            if (isDemographics(file)) {
                // The Patient as it is now, not as the import found it: it is stored whole, and meanwhile an
                // enrolment or another hospital's import may have added to it.
                resources = List.of(CanonicalDemographics.absorb(residents.current(resident.get()), (Patient) resources.getFirst()));
            }
            return new Mapped(file, new RecordWriter.UnitToStore(unit, resources, fingerprint), subject.getReference());
        } catch (Hl7ReadException | MappingException e) {
            return new Done(file, FileOutcome.of(path, Status.ERROR, e.getMessage()));
        } catch (IOException e) {
            return new Done(file, FileOutcome.of(path, Status.ERROR, "cannot read the file: " + e.getMessage()));
        } catch (BaseServerResponseException | IllegalArgumentException e) {
            return new Done(file, refused(path, e));
        }
    }

    /**
     * The path as it may stand in a URI: extended-storage data types carry {@code ^} and often Japanese names,
     * which are percent-encoded (UTF-8); a standardized-storage path has none and stays as it is.
     */
    private static String uriPath(String path) {
        return UriUtils.encodePath(path, StandardCharsets.UTF_8);
    }

    private static String reference(Patient resident) {
        return "Patient/" + resident.getIdElement().getIdPart();
    }
}
