package org.phrhub.testsupport.fhirserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.HttpProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged fhir-server ({@code fhir-server/target/fhir-server.jar}) as its own process, on this run's
 * PostgreSQL database and Keycloak. Tests of the clients that talk to it over the network (the device
 * gateway, importers) stop and start it for real, on the same port and database, to see what an outage does.
 */
public final class FhirServerProcess implements AutoCloseable {

    /** System property naming the packaged server; the build sets it for the modules that use this class. */
    public static final String JAR_PROPERTY = "phrhub.fhir-server.jar";

    private static final Logger log = LoggerFactory.getLogger(FhirServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** What follows {@code java} to run the server: {@code -jar} and the packaged jar, or a class path and a main class. */
    private final List<String> launch;
    private final TestDatabase database;
    private final String issuer;
    private final List<String> extraArguments;
    private final int port;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int starts;

    private FhirServerProcess(List<String> launch, TestDatabase database, String issuer, List<String> extraArguments, Path logDir) {
        this.launch = List.copyOf(launch);
        this.database = database;
        this.issuer = issuer;
        this.extraArguments = List.copyOf(extraArguments);
        this.port = freePort();
        this.logDir = logDir;
    }

    /**
     * Starts the server and returns once it is ready.
     *
     * @param extraArguments further Spring Boot arguments, e.g. {@code --phrhub.demo.seed=true}
     */
    public static FhirServerProcess start(TestDatabase database, String issuer, List<String> extraArguments) {
        return launch(List.of("-jar", packagedJar().toString()), database, issuer, extraArguments);
    }

    /**
     * Starts the packaged server with another main class from {@code extraClasses} (a benchmark's variant of the
     * server, compiled with fhir-server's tests) in front of the jar's own classes and libraries.
     */
    public static FhirServerProcess startPackagedVariant(Path extraClasses, String mainClass, TestDatabase database,
            String issuer, List<String> extraArguments) {
        if (!Files.isRegularFile(extraClasses.resolve(mainClass.replace('.', '/') + ".class"))) {
            throw new IllegalStateException(mainClass + " is not under " + extraClasses + ". Compile fhir-server's tests "
                    + "first: ./mvnw -DskipTests install from the repository root.");
        }
        // Spring Boot's PropertiesLauncher reads a packaged jar and takes its main class and extra class path
        // from these properties.
        return launch(List.of("-Dloader.path=" + extraClasses, "-Dloader.main=" + mainClass,
                "-cp", packagedJar().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"),
                database, issuer, extraArguments);
    }

    private static Path packagedJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("System property " + JAR_PROPERTY + " is not set; it names the packaged "
                    + "fhir-server jar. Run the tests through Maven from the repository root (./mvnw verify).");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist. Package the server first: ./mvnw verify from the "
                    + "repository root builds fhir-server before the modules whose tests use it.");
        }
        return jar;
    }

    /**
     * Starts a server from a main class on a class path (a benchmark's variant of the server, built from the test
     * classes) and returns once it is ready.
     */
    public static FhirServerProcess startMain(String classPath, String mainClass, TestDatabase database, String issuer,
            List<String> extraArguments) {
        return launch(List.of("-cp", classPath, mainClass), database, issuer, extraArguments);
    }

    private static FhirServerProcess launch(List<String> launch, TestDatabase database, String issuer, List<String> extraArguments) {
        Path logDir = Path.of("target", "fhir-server-logs");
        FhirServerProcess server = new FhirServerProcess(launch, database, issuer, extraArguments, logDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "phrhub-test-fhir-server-stop"));
        server.restart();
        return server;
    }

    /** e.g. {@code http://localhost:PORT/fhir} */
    public String fhirBaseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the stopped server again on the same port and database; returns once it is ready. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("The FHIR server is already running at " + fhirBaseUrl());
        }
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve("fhir-server-" + port + "-" + (++starts) + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED"));
            command.addAll(launch);
            command.addAll(List.of(
                    "--server.port=" + port,
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    "--phrhub.security.issuer-uri=" + issuer,
                    "--phrhub.security.clock-skew=0s"));
            command.addAll(extraArguments);
            log.info("Starting the FHIR server at {} (log: {})", fhirBaseUrl(), logFile.toAbsolutePath());
            long started = System.nanoTime();
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            awaitReady(logFile);
            log.info("FHIR server ready after {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the FHIR server " + launch.getLast() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server the way an operator does (SIGTERM) and waits until it has exited. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("The FHIR server did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Path logFile) {
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The FHIR server exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + logFile.toAbsolutePath() + ":\n" + tail(logFile));
            }
            if (HttpProbe.answersOk(http, readiness)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the FHIR server", e);
            }
        }
        stop();
        throw new IllegalStateException("The FHIR server was not ready within " + START_TIMEOUT.toSeconds()
                + " s. Last lines of " + logFile.toAbsolutePath() + ":\n" + tail(logFile));
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for the FHIR server", e);
        }
    }

    /** The log of the current or last start, for a failing test's message. */
    public Optional<Path> currentLog() {
        return starts == 0 ? Optional.empty() : Optional.of(logDir.resolve("fhir-server-" + port + "-" + starts + ".log"));
    }
}
