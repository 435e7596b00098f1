package org.phrhub.fhirserver.ingest.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.oauth.ClientCredentialsTokenSource;
import org.phrhub.client.oauth.TokenEndpointClient;
import org.phrhub.client.oauth.TokenEndpointException;
import org.phrhub.client.upload.StorageZip;
import org.phrhub.fhirserver.ingest.ImportOperations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Batch loads from the command line: {@code java -jar fhir-server.jar import-ssmix2 --institution CODE DIR}
 * (or {@code import-bundle ... FILE}). It signs in as the {@code ehr-importer} client, sends the load to a
 * running server as a job, polls it, and prints the report: one line per file and the totals. Exit code 0
 * when every file was imported (or held, skipped, superseded, deleted as it says), 1 when a file was
 * refused or the server could not be reached, 2 for a wrong command line.
 */
@Command(name = "fhir-server.jar", mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.Ssmix2.class, ImportCommand.BundleFile.class},
        description = "Imports regional EHR exports into a running PHR Hub FHIR server.")
public final class ImportCommand {

    private static final Set<String> COMMANDS = Set.of("import-ssmix2", "import-bundle");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As above, printing to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ImportCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // A server or Keycloak that cannot be reached or refuses is one line for the operator, not a stack trace.
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("Import failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** Where the server and Keycloak are, and the importer's credentials. */
    static class Connection {
        @Option(names = "--fhir-url", defaultValue = "${env:PHRHUB_FHIR_URL:-http://localhost:8080/fhir}",
                description = "The FHIR server (default ${DEFAULT-VALUE}).")
        URI fhirUrl;

        @Option(names = "--issuer", defaultValue = "${env:PHRHUB_ISSUER:-http://localhost:8180/realms/phr-hub}",
                description = "The Keycloak realm (default ${DEFAULT-VALUE}).")
        URI issuer;

        @Option(names = "--client-id", defaultValue = "${env:PHRHUB_IMPORTER_CLIENT_ID:-ehr-importer}",
                description = "The importer's OAuth2 client (default ${DEFAULT-VALUE}).")
        String clientId;

        @Option(names = "--client-secret", defaultValue = "${env:PHRHUB_IMPORTER_CLIENT_SECRET}", required = true,
                description = "Its secret (environment PHRHUB_IMPORTER_CLIENT_SECRET).")
        String clientSecret;

        @Option(names = "--institution", required = true, description = "The hospital's 10-digit medical institution code.")
        String institution;

        @Option(names = "--wait-minutes", defaultValue = "30",
                description = "How long to wait for the server to finish the import (default ${DEFAULT-VALUE}).")
        long waitMinutes;
    }

    /** A load of one kind: the connection options, the check of the path, the upload of its bytes. */
    abstract static class Load implements Callable<Integer> {
        @CommandLine.Mixin
        Connection connection = new Connection();

        @Spec
        CommandLine.Model.CommandSpec spec;

        /** The bytes to send, or a wrong-command-line error naming the path. */
        abstract byte[] body() throws IOException;

        abstract String operation();

        abstract String contentType();

        @Override
        public Integer call() throws Exception {
            return new Upload(connection, spec.commandLine().getOut(), spec.commandLine().getErr())
                    .send(operation(), contentType(), body());
        }

        CommandLine.ParameterException wrong(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "import-ssmix2", mixinStandardHelpOptions = true,
            description = "Import an SS-MIX2 standardized storage tree (the folder holding 000/..., 999/...).")
    static final class Ssmix2 extends Load {
        @CommandLine.Parameters(paramLabel = "DIR", description = "The storage root.")
        Path root;

        @Override
        byte[] body() throws IOException {
            if (!Files.isDirectory(root)) {
                throw wrong(root + " is not a folder");
            }
            return StorageZip.pack(root);
        }

        @Override
        String operation() {
            return "$import-ssmix2";
        }

        @Override
        String contentType() {
            return "application/zip";
        }
    }

    @Command(name = "import-bundle", mixinStandardHelpOptions = true,
            description = "Import a FHIR Bundle (transaction, batch, collection or document) from a JSON file, or many"
                    + " bundles from an NDJSON file (.ndjson: one bundle per line).")
    static final class BundleFile extends Load {
        @CommandLine.Parameters(paramLabel = "FILE", description = "The bundle, as FHIR JSON; or bundles, one per line (.ndjson).")
        Path file;

        @Override
        byte[] body() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw wrong(file + " is not a file");
            }
            return Files.readAllBytes(file);
        }

        @Override
        String operation() {
            return "$import-bundle";
        }

        @Override
        String contentType() {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ndjson")
                    ? ImportOperations.NDJSON : "application/fhir+json";
        }
    }

    /** One load: token, upload as a job, polling until its deadline, the report. */
    private record Upload(Connection connection, PrintWriter out, PrintWriter err) {

        private static final HttpTimeouts KEYCLOAK = new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
        private static final Duration CONNECT = Duration.ofSeconds(10);
        /** Sending a whole storage tree may take a while; the server answers 202 as soon as it has it. */
        private static final Duration UPLOAD = Duration.ofMinutes(10);
        private static final Duration POLL = Duration.ofSeconds(60);

        int send(String operation, String contentType, byte[] body) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(
                    TokenEndpointClient.ofKeycloakRealm(connection.issuer, KEYCLOAK), connection.clientId,
                    connection.clientSecret, Clock.systemUTC());
            String base = connection.fhirUrl.toString().replaceAll("/+$", "");
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/" + operation
                            + "?institution=" + URLEncoder.encode(connection.institution, StandardCharsets.UTF_8)))
                    .timeout(UPLOAD)
                    .header("Authorization", "Bearer " + token(tokens)).header("Content-Type", contentType)
                    .header("Accept", "application/fhir+json").header("Prefer", "respond-async")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> result = accepted;
            if (accepted.statusCode() == 202) {
                String status = accepted.headers().firstValue("Content-Location").orElseThrow(() ->
                        new IOException("the server accepted the job but named no Content-Location to poll"));
                Duration wait = Duration.ofMinutes(connection.waitMinutes);
                Instant deadline = Instant.now().plus(wait);
                do {
                    if (!Instant.now().isBefore(deadline)) {
                        throw new IOException("the server did not finish the import within " + connection.waitMinutes
                                + " minutes; it goes on in the background and reports at " + status
                                + " (wait longer with --wait-minutes)");
                    }
                    Thread.sleep(1000);
                    result = http.send(HttpRequest.newBuilder(URI.create(status)).timeout(POLL)
                            .header("Authorization", "Bearer " + token(tokens))
                            .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
                } while (result.statusCode() == 202);
            }
            if (result.statusCode() != 200) {
                err.println("The server refused the import (HTTP " + result.statusCode() + "): " + diagnostics(result.body()));
                return 1;
            }
            return print(FHIR.newJsonParser().parseResource(Parameters.class, result.body()));
        }

        private String token(ClientCredentialsTokenSource tokens) throws IOException {
            try {
                return tokens.accessToken();
            } catch (TokenEndpointException e) {
                if (e.failure() == TokenEndpointException.Failure.UNREACHABLE && e.getCause() instanceof IOException cause) {
                    throw cause;
                }
                throw new IOException("Keycloak at " + e.endpoint() + " refused client " + connection.clientId + " (HTTP "
                        + e.statusCode() + "); check --client-id and --client-secret", e);
            }
        }

        private int print(Parameters report) {
            boolean refused = false;
            for (ParametersParameterComponent file : report.getParameter()) {
                if (!file.getName().equals("file")) {
                    continue;
                }
                String status = part(file, "status");
                refused |= status.equals("error");
                out.printf("%-10s %s  created %s, updated %s, unchanged %s, deleted %s%s%n", status, part(file, "path"),
                        part(file, "created"), part(file, "updated"), part(file, "unchanged"), part(file, "deleted"),
                        file.getPart().stream().anyMatch(p -> p.getName().equals("reason")) ? "  (" + part(file, "reason") + ")" : "");
            }
            out.printf("Resources: created %s, updated %s, unchanged %s, deleted %s%n", value(report, "created"),
                    value(report, "updated"), value(report, "unchanged"), value(report, "deleted"));
            out.flush();
            return refused ? 1 : 0;
        }

        private static String part(ParametersParameterComponent component, String name) {
            return component.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                    .map(p -> p.getValue().primitiveValue()).orElse("");
        }

        private static String value(Parameters parameters, String name) {
            return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                    .map(p -> p.getValue().primitiveValue()).orElse("0");
        }

        private static String diagnostics(String body) {
            try {
                return FHIR.newJsonParser().parseResource(OperationOutcome.class, body).getIssueFirstRep().getDiagnostics();
            } catch (DataFormatException | ClassCastException e) {
                return body.length() > 300 ? body.substring(0, 300) + "..." : body;
            }
        }
    }
}
