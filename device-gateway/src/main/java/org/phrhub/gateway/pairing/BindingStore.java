package org.phrhub.gateway.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phrhub.gateway.storage.DurableFiles;

/** The gateway's bindings, in {@code bindings.json} of its data folder, replaced atomically on every change. */
public final class BindingStore {

    private final Path file;
    private final DurableFiles files = new DurableFiles();
    private final ObjectMapper json = new ObjectMapper();

    public BindingStore(Path dataDir) {
        this.file = dataDir.resolve("bindings.json");
    }

    public synchronized List<Binding> all() throws IOException {
        Optional<byte[]> stored = files.read(file);
        if (stored.isEmpty()) {
            return List.of();
        }
        List<Binding> bindings = new ArrayList<>();
        for (JsonNode node : json.readTree(stored.get())) {
            bindings.add(new Binding(node.get("address").asText(), text(node, "systemId"),
                    node.hasNonNull("userId") ? Optional.of(node.get("userId").asInt()) : Optional.empty(),
                    node.get("patient").asText(), node.get("sensorDevice").asText(), text(node, "quirks")));
        }
        return bindings;
    }

    /** The binding a reading from this monitor and user slot belongs to, if any. */
    public Optional<Binding> find(String address, Optional<Integer> userId) throws IOException {
        return all().stream().filter(binding -> binding.covers(address, userId)).findFirst();
    }

    /** Adds the binding, replacing an earlier one of the same monitor and user slot. */
    public synchronized void save(Binding binding) throws IOException {
        List<Binding> bindings = new ArrayList<>(all());
        bindings.removeIf(existing -> existing.covers(binding.address(), binding.userId()));
        bindings.add(binding);
        write(bindings);
    }

    private void write(List<Binding> bindings) throws IOException {
        ArrayNode array = json.createArrayNode();
        for (Binding binding : bindings) {
            ObjectNode node = array.addObject();
            node.put("address", binding.address());
            binding.systemId().ifPresent(v -> node.put("systemId", v));
            binding.userId().ifPresent(v -> node.put("userId", v));
            node.put("patient", binding.patient());
            node.put("sensorDevice", binding.sensorDevice());
            binding.quirks().ifPresent(v -> node.put("quirks", v));
        }
        Files.createDirectories(file.getParent());
        files.writeAtomically(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
