package org.phrhub.gateway.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.IndicationSink;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.storage.DurableFiles;

/**
 * The durable store-and-forward queue. Every value a monitor sends is written here, synced to disk,
 * before anything else happens to it; it leaves only when the server has confirmed it, or moves to the
 * dead-letter folder with a reason.
 *
 * <p>One file per value, written through {@link DurableFiles}, so a crash (even {@code kill -9} or power loss)
 * leaves either the whole entry or none of it. Removing a confirmed entry twice, or sending it twice after a
 * crash between confirmation and removal, is harmless: the server stores each reading once (conditional create
 * on its identifier).
 */
public final class Outbox implements IndicationSink {

    private static final String SUFFIX = ".json";

    private final Path pending;
    private final Path deadLetters;
    private final Clock clock;
    private final DurableFiles files;
    private final ObjectMapper json = new ObjectMapper();
    private long lastId;

    private Outbox(Path pending, Path deadLetters, Clock clock, DurableFiles files, long lastId) {
        this.pending = pending;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.files = files;
        this.lastId = lastId;
    }

    /** Opens (creating when needed) the outbox in {@code dataDir}; leftovers of an interrupted write are removed. */
    public static Outbox open(Path dataDir, Clock clock) throws OutboxException {
        Path pending = dataDir.resolve("outbox");
        Path deadLetters = dataDir.resolve("dead-letter");
        DurableFiles files = new DurableFiles();
        try {
            Files.createDirectories(pending);
            Files.createDirectories(deadLetters);
            long lastId = 0;
            for (Path folder : List.of(pending, deadLetters)) {
                // Never renamed into place: the monitor's value was not acknowledged as stored.
                files.removeLeftovers(folder);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
                    for (Path entry : entries) {
                        lastId = Math.max(lastId, idOf(entry));
                    }
                }
            }
            return new Outbox(pending, deadLetters, clock, files, lastId);
        } catch (IOException | NumberFormatException e) {
            throw new OutboxException("Cannot open the outbox in " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(MonitorInfo monitor, Indication indication) throws OutboxException {
        append(monitor, indication);
    }

    /** Stores the value durably and returns its entry. */
    public synchronized OutboxEntry append(MonitorInfo monitor, Indication indication) throws OutboxException {
        // Ids grow with the clock (so they survive restarts) and never repeat within this process.
        long id = Math.max(lastId + 1, clock.millis() * 1000);
        OutboxEntry entry = new OutboxEntry(id, monitor, indication);
        writeDurably(pending, entry, Optional.empty());
        lastId = id;
        return entry;
    }

    /** Entries waiting for upload, oldest first. */
    public synchronized List<OutboxEntry> pending() throws OutboxException {
        return read(pending).stream().map(Stored::entry).toList();
    }

    public synchronized List<DeadLetter> deadLetters() throws OutboxException {
        return read(deadLetters).stream()
                .map(stored -> new DeadLetter(stored.entry(), stored.reason().orElse("(no reason recorded)"),
                        stored.at().orElse(Instant.EPOCH)))
                .toList();
    }

    /** Forgets entries the server has confirmed. Entries already gone are fine. */
    public synchronized void remove(Collection<OutboxEntry> confirmed) throws OutboxException {
        try {
            files.deleteAll(pending, confirmed.stream().map(entry -> fileOf(pending, entry.id())).toList());
        } catch (IOException e) {
            throw new OutboxException("Cannot remove confirmed readings from " + pending + ": " + e.getMessage(), e);
        }
    }

    /** Moves an entry out of the upload queue, keeping it with the reason; the copy is durable before the original goes. */
    public synchronized void moveToDeadLetters(OutboxEntry entry, String reason) throws OutboxException {
        writeDurably(deadLetters, entry, Optional.of(reason));
        remove(List.of(entry));
    }

    private void writeDurably(Path folder, OutboxEntry entry, Optional<String> reason) throws OutboxException {
        try {
            files.writeAtomically(fileOf(folder, entry.id()), json.writeValueAsBytes(toJson(entry, reason)));
        } catch (AtomicMoveNotSupportedException e) {
            throw new OutboxException("The outbox folder " + folder + " is on a file system without atomic rename; "
                    + "choose a data folder on a local disk", e);
        } catch (IOException e) {
            throw new OutboxException("Cannot store the reading in " + folder + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode toJson(OutboxEntry entry, Optional<String> reason) {
        ObjectNode node = json.createObjectNode();
        node.put("id", entry.id());
        ObjectNode monitor = node.putObject("monitor");
        MonitorInfo info = entry.monitor();
        monitor.put("address", info.address());
        info.name().ifPresent(v -> monitor.put("name", v));
        info.manufacturer().ifPresent(v -> monitor.put("manufacturer", v));
        info.model().ifPresent(v -> monitor.put("model", v));
        info.systemId().ifPresent(v -> monitor.put("systemId", v));
        Indication indication = entry.indication();
        node.put("characteristic", indication.characteristic());
        node.put("value", indication.hex());
        node.put("receivedAt", indication.receivedAt().toString());
        reason.ifPresent(r -> {
            node.put("reason", r);
            node.put("at", clock.instant().toString());
        });
        return node;
    }

    private record Stored(OutboxEntry entry, Optional<String> reason, Optional<Instant> at) {}

    private List<Stored> read(Path folder) throws OutboxException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new OutboxException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> Long.compare(idOf(a), idOf(b)));
        List<Stored> entries = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                entries.add(fromJson(json.readTree(file.toFile())));
            } catch (NoSuchFileException e) {
                // Removed after listing (confirmed meanwhile): nothing to send.
            } catch (IOException | RuntimeException e) {
                throw new OutboxException("Outbox entry " + file + " is unreadable (" + e.getMessage()
                        + "); move it aside and report it, it holds a reading", e);
            }
        }
        return entries;
    }

    private static Stored fromJson(JsonNode node) {
        JsonNode monitor = node.get("monitor");
        MonitorInfo info = new MonitorInfo(monitor.get("address").asText(), text(monitor, "name"),
                text(monitor, "manufacturer"), text(monitor, "model"), text(monitor, "systemId"));
        Indication indication = new Indication(node.get("characteristic").asText(),
                HexFormat.of().parseHex(node.get("value").asText()), Instant.parse(node.get("receivedAt").asText()));
        return new Stored(new OutboxEntry(node.get("id").asLong(), info, indication),
                text(node, "reason"), text(node, "at").map(Instant::parse));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Path fileOf(Path folder, long id) {
        // Zero-padded so that names sort like ids.
        return folder.resolve(String.format("%020d%s", id, SUFFIX));
    }

    private static long idOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }
}
