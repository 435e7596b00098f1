package org.phrhub.fhirserver.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.phrhub.client.upload.StorageZip;

/**
 * SS-MIX2 storage trees for the import tests: the real sample storage, the synthetic extended-storage files,
 * copies to vary, zips to upload.
 */
public final class StorageTrees {

    private StorageTrees() {}

    /** The real sample storage (a copy of ehr-import's test data). */
    public static Path sample() {
        try {
            return Path.of(Objects.requireNonNull(StorageTrees.class.getResource("/ssmix2-sample/sampleData")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The synthetic extended-storage files (a copy of ehr-import's test data), laid out as a storage tree. */
    public static Path synthetic() {
        try {
            return Path.of(Objects.requireNonNull(StorageTrees.class.getResource("/ssmix2-synthetic")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the files below {@code source} whose relative paths start with one of {@code prefixes}. */
    static Path copy(Path source, Path into, String... prefixes) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = source.relativize(file).toString().replace('\\', '/');
                if (prefixes.length == 0 || Stream.of(prefixes).anyMatch(relative::startsWith)) {
                    Path target = into.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places {@code content} in the tree where SS-MIX2 puts a file of this name. */
    static Path place(Path root, String fileName, byte[] content) {
        return write(recordFolder(root, fileName).resolve(fileName), content);
    }

    /** Places {@code content} in the tree as file {@code fileName} of the extended-storage document folder so named. */
    static Path placeInDocument(Path root, String documentFolder, String fileName, byte[] content) {
        return write(recordFolder(root, documentFolder).resolve(documentFolder).resolve(fileName), content);
    }

    /** {@code aaa/bbb/patientId/date/dataType} of a name that follows the SS-MIX2 file-name rule. */
    private static Path recordFolder(Path root, String name) {
        String[] parts = name.split("_");
        String patient = parts[0];
        return root.resolve(patient.substring(0, 3)).resolve(patient.substring(3, 6)).resolve(patient)
                .resolve(parts[1]).resolve(parts[2]);
    }

    private static Path write(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(Path root) {
        try {
            return StorageZip.pack(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
