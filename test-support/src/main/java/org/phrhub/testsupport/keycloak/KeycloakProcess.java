package org.phrhub.testsupport.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phrhub.testsupport.HttpProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Keycloak server started from the distribution for this JVM, with the realm imported. */
final class KeycloakProcess {

    static final String ADMIN_USERNAME = "admin";
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Logger log = LoggerFactory.getLogger(KeycloakProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;

    private final Process process;
    private final int httpPort;
    private final String adminPassword;
    private final Path runDir;
    private final Path logFile;

    private KeycloakProcess(Process process, int httpPort, String adminPassword, Path runDir, Path logFile) {
        this.process = process;
        this.httpPort = httpPort;
        this.adminPassword = adminPassword;
        this.runDir = runDir;
        this.logFile = logFile;
    }

    /**
     * Starts Keycloak and returns once the realm answers.
     *
     * @param realmName realm to wait for
     * @param realmJson the realm definition to import
     */
    static KeycloakProcess start(KeycloakDistribution distribution, String realmName, byte[] realmJson, HttpClient http) {
        try (FileChannel channel = FileChannel.open(distribution.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockExclusively(channel, distribution)) {
            // Held until Keycloak answers: its first start in a fresh folder rewrites lib/quarkus, which a
            // second process starting at the same time must not read half-written.
            return launch(distribution.unpacked(), distribution.version(), realmName, realmJson, http);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Keycloak in " + distribution.home() + ": " + e.getMessage(), e);
        }
    }

    private static FileLock lockExclusively(FileChannel channel, KeycloakDistribution distribution) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        log.info("Another process is unpacking or starting Keycloak in {}; waiting for it", distribution.home());
        return channel.lock();
    }

    private static KeycloakProcess launch(Path home, String version, String realmName, byte[] realmJson, HttpClient http)
            throws IOException {
        Path runDir = Files.createTempDirectory("phrhub-keycloak-");
        Path importDir = Files.createDirectories(runDir.resolve("import"));
        Files.write(importDir.resolve(realmName + "-realm.json"), realmJson);
        int httpPort = freePort();
        int managementPort = freePort(httpPort);
        String adminPassword = randomPassword();
        Path logFile = logFile(httpPort);

        List<String> command = List.of(
                home.resolve("bin").resolve(isWindows() ? "kc.bat" : "kc.sh").toString(),
                "start-dev",
                "--db=dev-mem",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                // One public name, whatever address a client uses: iss is the same for every token, and
                // services may still reach Keycloak under another name (the backchannel follows the request).
                "--hostname=http://localhost:" + httpPort,
                "--hostname-backchannel-dynamic=true",
                // No --import-realm: it only reads <home>/data/import, so every run would share (and race on)
                // one folder in the cache. keycloak.migration.dir is the system property --import-realm sets
                // and startup imports from; it is internal, so should an upgrade drop it, the start fails
                // with "did not serve realm phr-hub" and this is the line to look at.
                "-Dkeycloak.migration.dir=" + importDir,
                // Keeps this run's transaction log out of the shared folder too.
                "-Dquarkus.transaction-manager.object-store.directory=" + runDir.resolve("transaction-logs"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        // Settings of the developer's own Keycloak must not leak into the test server.
        env.keySet().removeIf(name -> name.startsWith("KC_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);

        log.info("Starting Keycloak {} on http://localhost:{} (log: {})", version, httpPort, logFile.toAbsolutePath());
        long started = System.nanoTime();
        var keycloak = new KeycloakProcess(builder.start(), httpPort, adminPassword, runDir, logFile);
        try {
            keycloak.awaitRealm(realmName, http);
        } catch (RuntimeException e) {
            keycloak.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "phrhub-test-keycloak-stop"));
        log.info("Keycloak ready at {} after {} s", keycloak.baseUrl(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return keycloak;
    }

    /** The public name Keycloak is started with: every token names it as its issuer. */
    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    String adminPassword() {
        return adminPassword;
    }

    private void awaitRealm(String realmName, HttpClient http) {
        URI discovery = URI.create(baseUrl() + "/realms/" + realmName + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before realm " + realmName + " was ready. Last lines of " + logFile.toAbsolutePath()
                        + ":\n" + logTail());
            }
            if (HttpProbe.answersOk(http, discovery)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak to start", e);
            }
        }
        throw new IllegalStateException("Keycloak did not serve realm " + realmName + " within "
                + START_TIMEOUT.toSeconds() + " s (" + discovery + "). Last lines of " + logFile.toAbsolutePath()
                + ":\n" + logTail());
    }

    /** Stops the server and everything it started, then removes this run's folder. */
    void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("Keycloak process {} did not stop within {} s; killing it", handle.pid(), STOP_TIMEOUT.toSeconds());
                handle.destroyForcibly();
            } catch (ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tree.forEach(ProcessHandle::destroyForcibly);
                return;
            }
        }
        try {
            KeycloakDistribution.deleteRecursively(runDir);
        } catch (IOException e) {
            log.warn("Could not remove Keycloak's run folder {}: {}", runDir, e.getMessage());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Under the module's target folder when run by Maven, so the log outlives the run; else a temp file. */
    private static Path logFile(int httpPort) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            return target.resolve("keycloak-" + httpPort + ".log");
        }
        return Files.createTempFile("phrhub-keycloak-" + httpPort + "-", ".log");
    }

    private static int freePort(int... taken) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                    return port;
                }
            }
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
