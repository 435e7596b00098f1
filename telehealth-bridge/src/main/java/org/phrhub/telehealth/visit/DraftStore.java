package org.phrhub.telehealth.visit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phrhub.telehealth.config.BridgeProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps each clinician's unfinished visit records on disk until the hub has accepted them, so a refusal,
 * a reload, an expired session or a restart of the bridge loses nothing. One file per clinician and visit,
 * replaced atomically; file names are hashes, so the folder does not list who saw whom.
 */
@Component
public class DraftStore {

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    public DraftStore(BridgeProperties properties) {
        this.folder = properties.draftsDir();
    }

    public Optional<Draft> load(String clinician, String appointmentId) {
        Path file = fileOf(clinician, appointmentId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Draft.class));
        } catch (IOException e) {
            throw new UncheckedIOException("The saved draft " + file + " cannot be read (" + e.getMessage()
                    + "); move it aside to start a new one", e);
        }
    }

    /** Saves the fields as typed; the first save of a visit fixes when the record was started. */
    public Draft save(String clinician, String appointmentId, Map<String, List<String>> fields, Instant now) {
        Instant started = load(clinician, appointmentId).map(Draft::startedAt).orElse(now);
        Draft draft = new Draft(Map.copyOf(fields), started, now);
        Path file = fileOf(clinician, appointmentId);
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".draft-", ".tmp");
            Files.writeString(temporary, json.writeValueAsString(draft), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return draft;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the draft in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Called once the hub holds the record. */
    public void delete(String clinician, String appointmentId) {
        try {
            Files.deleteIfExists(fileOf(clinician, appointmentId));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the finished draft: " + e.getMessage(), e);
        }
    }

    private Path fileOf(String clinician, String appointmentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((clinician + "\n" + appointmentId).getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
