package org.phrhub.ingest.ssmix2.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An SS-MIX2 storage tree. Standardized storage holds {@code root/aaa/bbb/patientId/date/dataType/file}, where
 * {@code aaa} and {@code bbb} are the first and next three characters of the patient id. Extended storage is
 * one folder deeper: {@code …/dataType/documentFolder/file}, the document folder named like a standardized
 * file and holding the document's main file {@code main_document.<format>} and what belongs to it (images,
 * style sheets). One tree may hold both. Lists every regular file, each placed where its name says, skipped
 * with the reason (an extended-storage file the hub does not read), or refused with the reason, never guessed.
 */
public final class StorageTree {

    /** A file the tree holds: where its name and folder agree, why it is not read, or why it cannot be read as SS-MIX2. */
    public sealed interface Entry permits Placed, Skipped, Misplaced {
        String relativePath();
    }

    public record Placed(StorageFile file) implements Entry {
        @Override
        public String relativePath() {
            return file.relativePath();
        }
    }

    /** A well-placed file the hub does not read: reported, never dropped silently, never an error. */
    public record Skipped(Path path, String relativePath, String reason) implements Entry {}

    public record Misplaced(Path path, String relativePath, String reason) implements Entry {}

    /** The extended-storage main file the hub reads: an HL7 v2 message, as the vital-sign rule writes it. */
    private static final String HL7_MAIN_DOCUMENT = "main_document.hl7";
    private static final String MAIN_DOCUMENT_PREFIX = "main_document.";
    private static final int STANDARD_DEPTH = 6;
    private static final int EXTENDED_DEPTH = 7;

    private final Path root;

    public StorageTree(Path root) {
        this.root = root;
    }

    /** Every regular file below the root, in path order (so that reports and imports are repeatable). */
    public List<Entry> entries() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("SS-MIX2 storage root " + root + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(path -> root.relativize(path).toString()))
                    .toList();
        }
        List<Entry> entries = new ArrayList<>(files.size());
        for (Path file : files) {
            entries.add(entry(file));
        }
        return entries;
    }

    private Entry entry(Path file) {
        Path relative = root.relativize(file);
        String relativePath = relative.toString().replace(java.io.File.separatorChar, '/');
        return switch (relative.getNameCount()) {
            case STANDARD_DEPTH -> standard(file, relative, relativePath);
            case EXTENDED_DEPTH -> extended(file, relative, relativePath);
            default -> new Misplaced(file, relativePath, "expected at aaa/bbb/patientId/date/dataType/file (standardized "
                    + "storage) or aaa/bbb/patientId/date/dataType/documentFolder/file (extended storage) below the "
                    + "storage root, found at depth " + relative.getNameCount());
        };
    }

    private static Entry standard(Path file, Path relative, String relativePath) {
        StorageFileName name;
        try {
            name = StorageFileName.parse(relative.getName(5).toString());
        } catch (StorageLayoutException e) {
            return new Misplaced(file, relativePath, e.getMessage());
        }
        List<String> disagreements = disagreements(relative, name);
        if (!disagreements.isEmpty()) {
            return new Misplaced(file, relativePath, "file name and folder disagree (" + String.join("; ", disagreements) + ")");
        }
        return new Placed(new StorageFile(file, relativePath, name));
    }

    private static Entry extended(Path file, Path relative, String relativePath) {
        StorageFileName name;
        try {
            name = StorageFileName.parseDocumentFolder(relative.getName(5).toString());
        } catch (StorageLayoutException e) {
            return new Misplaced(file, relativePath, "extended storage: " + e.getMessage());
        }
        List<String> disagreements = disagreements(relative, name);
        if (!disagreements.isEmpty()) {
            return new Misplaced(file, relativePath, "extended storage: document folder name and folders disagree ("
                    + String.join("; ", disagreements) + ")");
        }
        String fileName = relative.getName(6).toString();
        if (fileName.equalsIgnoreCase(HL7_MAIN_DOCUMENT)) {
            return new Placed(new StorageFile(file, relativePath, name));
        }
        if (fileName.toLowerCase(Locale.ROOT).startsWith(MAIN_DOCUMENT_PREFIX)) {
            return new Skipped(file, relativePath, "extended-storage document " + fileName + " of data type "
                    + name.dataType() + " is not imported: the hub reads main documents that are HL7 v2 messages ("
                    + HL7_MAIN_DOCUMENT + "), not documents such as HL7 CDA (.xml) or PDF");
        }
        return new Skipped(file, relativePath, "file " + fileName + " belongs to the extended-storage document in "
                + relative.getName(5) + " (an attachment beside its main document); the hub reads only "
                + HL7_MAIN_DOCUMENT);
    }

    /** Where the name and the folders above it disagree: patient, its two prefix folders, date, data type. */
    private static List<String> disagreements(Path relative, StorageFileName name) {
        String patientFolder = relative.getName(2).toString();
        String expectedPrefix = prefix(name.patientId(), 0) + "/" + prefix(name.patientId(), 3);
        String actualPrefix = relative.getName(0) + "/" + relative.getName(1);
        List<String> disagreements = new ArrayList<>();
        if (!patientFolder.equals(name.patientId())) {
            disagreements.add("patient " + name.patientId() + " in the name, folder " + patientFolder);
        }
        if (!actualPrefix.equals(expectedPrefix)) {
            disagreements.add("patient " + name.patientId() + " belongs under " + expectedPrefix + ", not " + actualPrefix);
        }
        if (!relative.getName(3).toString().equals(name.dateFolder())) {
            disagreements.add("date " + name.dateFolder() + " in the name, folder " + relative.getName(3));
        }
        if (!relative.getName(4).toString().equals(name.dataType())) {
            disagreements.add("data type " + name.dataType() + " in the name, folder " + relative.getName(4));
        }
        return disagreements;
    }

    /** Three characters of the id from {@code start}; SS-MIX2 pads short ids so that each part has three. */
    private static String prefix(String patientId, int start) {
        String padded = patientId.length() >= 6 ? patientId : (patientId + "______").substring(0, 6);
        return padded.substring(start, start + 3);
    }
}
