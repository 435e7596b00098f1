package org.phrhub.gateway.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/** Sends FHIR transactions to the hub with the gateway's token and tells what the answer means. */
public final class FhirTransactions {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI fhirBase;
    private final ClientCredentialsTokens tokens;
    private final IParser parser;

    public FhirTransactions(HttpClient http, URI fhirBase, ClientCredentialsTokens tokens, FhirContext fhir) {
        this.http = http;
        this.fhirBase = URI.create(fhirBase.toString().replaceAll("/+$", "") + "/");
        this.tokens = tokens;
        this.parser = fhir.newJsonParser();
    }

    /** Posts the transaction; returns the server's response bundle only when every entry was committed. */
    public Bundle commit(Bundle transaction) throws UploadException {
        HttpResponse<String> response = post(transaction, tokens.current());
        if (response.statusCode() == 401) {
            // An expired or re-keyed token: one fresh token, one more try.
            tokens.invalidate();
            response = post(transaction, tokens.current());
        }
        int status = response.statusCode();
        if (status == 200) {
            Bundle result = parse(response.body(), Bundle.class);
            String failed = result.getEntry().stream()
                    .map(entry -> entry.getResponse().getStatus())
                    .filter(entryStatus -> entryStatus == null || !entryStatus.startsWith("2"))
                    .collect(Collectors.joining(", "));
            if (!failed.isEmpty()) {
                throw UploadException.unavailable("the server answered a transaction with entry statuses " + failed);
            }
            return result;
        }
        String problem = "HTTP " + status + ": " + diagnostics(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            throw UploadException.unavailable("the FHIR server could not take the readings now (" + problem + ")");
        }
        if (status == 401 || status == 403) {
            throw UploadException.misconfigured("the FHIR server refused the gateway (" + problem
                    + "); check that its client has the device-gateway role");
        }
        throw UploadException.rejected("the FHIR server rejected the readings (" + problem + ")");
    }

    private HttpResponse<String> post(Bundle transaction, String token) throws UploadException {
        HttpRequest request = HttpRequest.newBuilder(fhirBase)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(transaction)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw UploadException.unavailable("the FHIR server at " + fhirBase + " did not answer (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UploadException.unavailable("interrupted while uploading");
        }
    }

    private <T extends Resource> T parse(String body, Class<T> type) throws UploadException {
        try {
            return parser.parseResource(type, body);
        } catch (DataFormatException e) {
            throw UploadException.unavailable("the FHIR server's answer was unreadable: " + e.getMessage());
        }
    }

    private String diagnostics(String body) {
        try {
            OperationOutcome outcome = parser.parseResource(OperationOutcome.class, body);
            return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .collect(Collectors.joining("; "));
        } catch (DataFormatException | IllegalArgumentException e) {
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }
}
