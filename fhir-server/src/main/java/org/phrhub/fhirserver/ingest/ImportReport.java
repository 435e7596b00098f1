package org.phrhub.fhirserver.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** What an import did, file by file (or bundle by bundle), with the reason wherever something was not stored. */
public final class ImportReport {

    /** How one file ended. */
    public enum Status {
        /** Stored; the counts say what changed. */
        IMPORTED,
        /** Its deleted flag removed what earlier files of the record made. */
        DELETED,
        /** A newer file of the same record was imported instead. */
        SUPERSEDED,
        /** Its patient number is enrolled on no resident: kept for review, nothing stored. */
        HELD,
        /** A data type the hub does not read: nothing stored. */
        SKIPPED,
        /** Refused: nothing of it stored. */
        ERROR
    }

    public record FileOutcome(String file, Status status, int created, int updated, int unchanged, int deleted, String reason) {

        public static FileOutcome of(String file, Status status, String reason) {
            return new FileOutcome(file, status, 0, 0, 0, 0, reason);
        }
    }

    private final List<FileOutcome> files = new ArrayList<>();
    private final java.util.Set<String> writtenFor = new java.util.LinkedHashSet<>();

    public synchronized void add(FileOutcome outcome) {
        files.add(outcome);
    }

    /** Adds what another report holds, after what this one holds. */
    public void addAll(ImportReport other) {
        other.files().forEach(this::add);
        other.writtenFor().forEach(this::wroteFor);
    }

    /** The import created, changed or deleted something in this resident's record ({@code Patient/<id>}). */
    public synchronized void wroteFor(String patient) {
        writtenFor.add(patient);
    }

    /** Every resident whose record the import wrote into: each gets an entry in the audit trail. */
    public synchronized java.util.Set<String> writtenFor() {
        return java.util.Set.copyOf(writtenFor);
    }

    public synchronized List<FileOutcome> files() {
        return Collections.unmodifiableList(new ArrayList<>(files));
    }

    public synchronized long count(Status status) {
        return files.stream().filter(file -> file.status() == status).count();
    }

    /** Resources created, updated, unchanged and deleted over every file. */
    public synchronized int[] totals() {
        int[] totals = new int[4];
        for (FileOutcome file : files) {
            totals[0] += file.created();
            totals[1] += file.updated();
            totals[2] += file.unchanged();
            totals[3] += file.deleted();
        }
        return totals;
    }

    /** The report as FHIR Parameters: totals, then one {@code file} part per file. */
    public Parameters toParameters() {
        Parameters parameters = new Parameters();
        int[] totals = totals();
        parameters.addParameter("created", new IntegerType(totals[0]));
        parameters.addParameter("updated", new IntegerType(totals[1]));
        parameters.addParameter("unchanged", new IntegerType(totals[2]));
        parameters.addParameter("deleted", new IntegerType(totals[3]));
        for (Status status : Status.values()) {
            parameters.addParameter("files-" + status.name().toLowerCase(java.util.Locale.ROOT), new IntegerType(count(status)));
        }
        for (FileOutcome file : files()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("file");
            part.addPart().setName("path").setValue(new StringType(file.file()));
            part.addPart().setName("status").setValue(new StringType(file.status().name().toLowerCase(java.util.Locale.ROOT)));
            part.addPart().setName("created").setValue(new IntegerType(file.created()));
            part.addPart().setName("updated").setValue(new IntegerType(file.updated()));
            part.addPart().setName("unchanged").setValue(new IntegerType(file.unchanged()));
            part.addPart().setName("deleted").setValue(new IntegerType(file.deleted()));
            if (file.reason() != null) {
                part.addPart().setName("reason").setValue(new StringType(file.reason()));
            }
        }
        return parameters;
    }
}
