package org.phrhub.fhirserver.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A folder an import unpacks or generates its files into, removed with all it holds when closed. */
public final class TemporaryFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TemporaryFolder.class);

    private final Path path;

    private TemporaryFolder(Path path) {
        this.path = path;
    }

    public static TemporaryFolder create(String prefix) throws IOException {
        return new TemporaryFolder(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            // A folder left behind holds no state the hub relies on; say so and go on.
            log.warn("Could not remove the temporary folder {}: {}", path, e.getMessage());
        }
    }
}
