package org.phrhub.ingest.ssmix2.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An SS-MIX2 standardized storage tree: {@code root/aaa/bbb/patientId/date/dataType/file}, where
 * {@code aaa} and {@code bbb} are the first and next three characters of the patient id. Lists every
 * regular file, each either placed where its name says or refused with the reason, never guessed.
 */
public final class StorageTree {

    /** A file the tree holds: where its name and folder agree, or why it cannot be read as SS-MIX2. */
    public sealed interface Entry permits Placed, Misplaced {
        String relativePath();
    }

    public record Placed(StorageFile file) implements Entry {
        @Override
        public String relativePath() {
            return file.relativePath();
        }
    }

    public record Misplaced(Path path, String relativePath, String reason) implements Entry {}

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
        if (relative.getNameCount() != 6) {
            return new Misplaced(file, relativePath, "expected at aaa/bbb/patientId/date/dataType/file below the "
                    + "storage root, found at depth " + relative.getNameCount());
        }
        StorageFileName name;
        try {
            name = StorageFileName.parse(relative.getName(5).toString());
        } catch (StorageLayoutException e) {
            return new Misplaced(file, relativePath, e.getMessage());
        }
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
        if (!disagreements.isEmpty()) {
            return new Misplaced(file, relativePath, "file name and folder disagree (" + String.join("; ", disagreements) + ")");
        }
        return new Placed(new StorageFile(file, relativePath, name));
    }

    /** Three characters of the id from {@code start}; SS-MIX2 pads short ids so that each part has three. */
    private static String prefix(String patientId, int start) {
        String padded = patientId.length() >= 6 ? patientId : (patientId + "______").substring(0, 6);
        return padded.substring(start, start + 3);
    }
}
