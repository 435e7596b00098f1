package org.phrhub.ingest.ssmix2;

import ca.uhn.hl7v2.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.ingest.ssmix2.hl7.Hl7ReadException;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.ingest.ssmix2.map.MappingContext;
import org.phrhub.ingest.ssmix2.storage.StorageFileName;
import org.phrhub.ingest.ssmix2.storage.StorageLayoutException;

/** The real SS-MIX2 sample storage shipped with the tests (see its README), and messages read from it. */
public final class SampleStorage {

    /** A made-up 10-digit institution code for the sample hospital. */
    public static final String INSTITUTION = "1311234567";
    public static final String PATIENT_FOLDER = "999/901/9999013";

    private static final Ssmix2MessageReader READER = new Ssmix2MessageReader();

    private SampleStorage() {}

    public static Path root() {
        try {
            return Path.of(Objects.requireNonNull(SampleStorage.class.getResource("/ssmix2-sample/sampleData")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one file in {@code relativeFolder} (below the root), e.g. {@code 999/901/9999013/-/ADT-00}. */
    public static Path onlyFile(String relativeFolder) {
        try (var files = Files.list(root().resolve(relativeFolder))) {
            return files.reduce((a, b) -> {
                throw new IllegalStateException("more than one file in " + relativeFolder);
            }).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Message message(Path file) {
        try {
            return READER.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Hl7ReadException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** A mapping context for the sample hospital with the resident's canonical Patient {@code Patient/taro}. */
    public static MappingContext context(Path file) {
        try {
            return new MappingContext(INSTITUTION, StorageFileName.parse(file.getFileName().toString()),
                    new Reference("Patient/taro"));
        } catch (StorageLayoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
