package org.phrhub.gateway.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.phrhub.gateway.storage.DurableFiles;

/**
 * The last upload attempt's outcome, in {@code upload-state.json}, for {@code status} to show. Losing it would
 * lose no reading, but a half-written file would make {@code status} fail, so it is written like every other
 * state file, through {@link DurableFiles}.
 */
public final class UploadState {

    public record Snapshot(Optional<String> lastSuccess, Optional<String> lastFailure, Optional<String> lastFailureReason) {}

    private final Path file;
    private final Clock clock;
    private final DurableFiles files = new DurableFiles();
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
        Optional<byte[]> stored = files.read(file);
        return stored.isPresent() ? (ObjectNode) json.readTree(stored.get()) : json.createObjectNode();
    }

    private void write(ObjectNode node) throws IOException {
        Files.createDirectories(file.getParent());
        files.writeAtomically(file, json.writeValueAsBytes(node));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
