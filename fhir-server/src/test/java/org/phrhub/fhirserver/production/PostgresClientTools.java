package org.phrhub.fhirserver.production;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.phrhub.testsupport.postgres.TestDatabase;

/**
 * PostgreSQL's {@code pg_dump} and {@code pg_restore}, run as the README's backup commands run them. Found on the
 * PATH or in Debian's {@code /usr/lib/postgresql/VERSION/bin} (the newest); missing, the test fails and says
 * which package to install, since a backup test that skips proves nothing.
 */
final class PostgresClientTools {

    private final Path pgDump;
    private final Path pgRestore;

    private PostgresClientTools(Path pgDump, Path pgRestore) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
    }

    static PostgresClientTools find() {
        return new PostgresClientTools(program("pg_dump"), program("pg_restore"));
    }

    /** {@code pg_dump -Fc}: the custom format, compressed, that {@code pg_restore} reads. */
    void dump(TestDatabase database, Path file) {
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "-Fc", "-f", file.toString()));
        command.addAll(connection(database));
        run(command, database);
    }

    /** {@code pg_restore} into an empty database. */
    void restore(Path file, TestDatabase database) {
        List<String> command = new ArrayList<>(List.of(pgRestore.toString(), "--no-owner", "--exit-on-error"));
        command.addAll(connection(database));
        command.add(file.toString());
        run(command, database);
    }

    private static List<String> connection(TestDatabase database) {
        URI location = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        String path = location.getPath();
        return List.of("-h", location.getHost(), "-p", String.valueOf(location.getPort() < 0 ? 5432 : location.getPort()),
                "-U", database.username(), "-d", path.substring(1));
    }

    private static void run(List<String> command, TestDatabase database) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (!database.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", database.password());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command.getFirst(), e);
        }
    }

    private static Path program(String name) {
        return onPath(name).or(() -> inDebianVersionFolders(name)).orElseThrow(() -> new AssertionError(name
                + " is neither on the PATH nor in /usr/lib/postgresql/VERSION/bin. The backup test runs the documented "
                + "backup commands; install PostgreSQL's client programs (Debian: apt-get install postgresql-client)."));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Path> inDebianVersionFolders(String name) {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(versions)) {
            return folders.map(version -> version.resolve("bin").resolve(name))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(PostgresClientTools::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path program) {
        String version = program.getParent().getParent().getFileName().toString();
        return version.matches("\\d+") ? Integer.parseInt(version) : 0;
    }
}
