package org.phrhub.gateway.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

/**
 * The last upload attempt's outcome, in {@code upload-state.json}, for {@code status} to show. Losing it
 * loses no reading, so it is written simply (replaced atomically, not synced).
 */
public final class UploadState {

    public record Snapshot(Optional<String> lastSuccess, Optional<String> lastFailure, Optional<String> lastFailureReason) {}

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public UploadState(Path dataDir, Clock clock) {
        this.file = dataDir.resolve("upload-state.json");
        this.clock = clock;
    }

    public synchronized void recordSuccess(int uploaded) throws IOException {
        ObjectNode node = read();
        node.put("lastSuccess", clock.instant().toString());
        node.put("lastSuccessUploaded", uploaded);
        write(node);
    }

    public synchronized void recordFailure(String reason) {
        try {
            ObjectNode node = read();
            node.put("lastFailure", clock.instant().toString());
            node.put("lastFailureReason", reason);
            write(node);
        } catch (IOException e) {
            // The failure is logged by the caller already; the status file is only a convenience.
            org.slf4j.LoggerFactory.getLogger(UploadState.class).warn("Cannot record the upload failure in {}: {}", file, e.getMessage());
        }
    }

    public synchronized Snapshot snapshot() throws IOException {
        ObjectNode node = read();
        return new Snapshot(text(node, "lastSuccess"), text(node, "lastFailure"), text(node, "lastFailureReason"));
    }

    private ObjectNode read() throws IOException {
        return Files.exists(file) ? (ObjectNode) json.readTree(file.toFile()) : json.createObjectNode();
    }

    private void write(ObjectNode node) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(temporary.toFile(), node);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
