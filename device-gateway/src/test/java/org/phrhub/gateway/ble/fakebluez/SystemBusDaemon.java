package org.phrhub.gateway.ble.fakebluez;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus daemon of the system type, listening at a socket of the test's choosing, so that TinyB
 * finds the fake BlueZ where it looks for the real one. Everything on it may own any name and talk to
 * anything: it serves one test JVM.
 */
final class SystemBusDaemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** The usual length limit of a Unix socket path, terminator excluded. */
    private static final int MAX_SOCKET_PATH = 107;
    /** The shell exits with the daemon; a reader of the shell's input (kept as fd 3) stops the daemon at its end. */
    private static final String WATCHED = "exec 3<&0; \"$1\" \"$2\" --nofork --nopidfile & daemon=$!;"
            + " { read -r _ <&3; kill $daemon 2>/dev/null; } & wait $daemon";

    private final Process process;
    private final Path socket;

    private SystemBusDaemon(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts the daemon and returns once it listens at {@code socket}. */
    static SystemBusDaemon start(Path socket) {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalStateException("The fake system bus socket path is longer than a Unix socket allows ("
                    + MAX_SOCKET_PATH + " bytes): " + socket + ". Build from a shorter checkout path.");
        }
        Path executable = executable().orElseThrow(() -> new IllegalStateException(
                "dbus-daemon not found: install the Debian package dbus (apt-get install dbus). The Bluetooth tests run"
                        + " TinyB against a fake BlueZ on a private D-Bus daemon."));
        try {
            Path dir = Files.createDirectories(socket.getParent());
            Path config = dir.resolve("system-bus.conf");
            Files.writeString(config, config(socket));
            Files.deleteIfExists(socket);
            Path log = dir.resolve("dbus-daemon.log");
            // The daemon runs under a shell that stops it when its standard input ends: on close(), and also
            // when this JVM dies without running shutdown hooks (a crash in native code, say).
            Process process = new ProcessBuilder("sh", "-c", WATCHED, "sh", executable.toString(), "--config-file=" + config)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitSocket(process, socket, log);
            return new SystemBusDaemon(process, socket);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start dbus-daemon for the fake BlueZ: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> executable() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "dbus-daemon"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String config(Path socket) {
        return """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="*"/>
                    <allow own="*"/>
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow receive_sender="*"/>
                    <allow eavesdrop="true"/>
                  </policy>
                </busconfig>
                """.formatted(socket);
    }

    private static void awaitSocket(Process process, Path socket, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dbus-daemon for the fake BlueZ exited with " + process.exitValue() + ": "
                        + Files.readString(log).strip());
            }
            if (System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                throw new IllegalStateException("dbus-daemon did not listen at " + socket + " within " + START_TIMEOUT
                        + "; its output is in " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("Interrupted while starting dbus-daemon", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Files.deleteIfExists(socket);
    }
}
