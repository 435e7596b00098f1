package org.phrhub.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.phrhub.gateway.storage.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This gateway's identifier on the hub when none is given on the command line: generated once and kept in
 * {@code gateway-id} of the data folder, so that every later start names the same gateway Device.
 *
 * <p>An empty (or blank) file is replaced by a newly generated identifier, with a warning, rather than refused.
 * Written through {@link DurableFiles} the file is never empty, so an empty one is left from before that (a
 * crash while a plain write created it) or by a person. The identifier only names the gateway's own Device on
 * the hub, which authorises nothing and which readings merely refer to: a new one costs a second gateway Device,
 * while refusing would stop an unattended home gateway from uploading until someone repairs the file. Any other
 * content is taken as it is (trimmed): people may write their own identifier there, so a cut-off generated one
 * cannot be told from a short chosen one.
 */
public final class GatewayIdentity {

    private static final Logger log = LoggerFactory.getLogger(GatewayIdentity.class);

    private final Path dataDir;
    private final Path file;
    private final DurableFiles files = new DurableFiles();

    public GatewayIdentity(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve("gateway-id");
    }

    /** The kept identifier, generated and kept durably first when there is none yet. */
    public synchronized String id() throws IOException {
        Optional<String> stored = files.read(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim());
        if (stored.isPresent() && !stored.get().isEmpty()) {
            return stored.get();
        }
        String id = UUID.randomUUID().toString();
        if (stored.isPresent()) {
            log.warn("The gateway id file {} was empty, probably left so by a crash while it was first written; "
                    + "this gateway is now {} on the hub", file.toAbsolutePath(), id);
        }
        Files.createDirectories(dataDir);
        files.writeAtomically(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
        return id;
    }
}
