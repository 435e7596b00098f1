package org.phrhub.gateway.upload;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URI;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.phrhub.client.fhir.FhirClients;
import org.phrhub.client.oauth.ClientCredentialsTokenSource;
import org.phrhub.client.oauth.TokenEndpointException;

/** Sends FHIR transactions to the hub with the gateway's token and tells what the answer means. */
public final class FhirTransactions {

    private final URI fhirBase;
    private final ClientCredentialsTokenSource tokens;
    private final IGenericClient client;
    private final IParser parser;

    public FhirTransactions(FhirClients clients, URI fhirBase, ClientCredentialsTokenSource tokens) {
        this.fhirBase = URI.create(fhirBase.toString().replaceAll("/+$", "") + "/");
        this.tokens = tokens;
        this.client = clients.withClientCredentials(this.fhirBase, tokens);
        this.parser = clients.fhirContext().newJsonParser();
    }

    /** Posts the transaction; returns the server's response bundle only when every entry was committed. */
    public Bundle commit(Bundle transaction) throws UploadException {
        Bundle result;
        try {
            try {
                result = post(transaction);
            } catch (AuthenticationException e) {
                // An expired or re-keyed token: one fresh token, one more try.
                tokens.invalidate();
                result = post(transaction);
            }
        } catch (TokenEndpointException e) {
            throw tokenProblem(e);
        } catch (FhirClientConnectionException e) {
            throw UploadException.unavailable("the FHIR server at " + fhirBase + " did not answer (" + rootCause(e) + ")");
        } catch (NonFhirResponseException | DataFormatException e) {
            throw UploadException.unavailable("the FHIR server's answer was unreadable: " + e.getMessage());
        } catch (BaseServerResponseException e) {
            throw refusal(e.getStatusCode(), e.getResponseBody());
        }
        String failed = result.getEntry().stream()
                .map(entry -> entry.getResponse().getStatus())
                .filter(entryStatus -> entryStatus == null || !entryStatus.startsWith("2"))
                .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            throw UploadException.unavailable("the server answered a transaction with entry statuses " + failed);
        }
        return result;
    }

    private Bundle post(Bundle transaction) {
        // Asked here first, so that Keycloak being down is reported by us alone, not also logged as an error by
        // HAPI's interceptor machinery; the client's interceptor then gets the same cached token.
        tokens.accessToken();
        return client.transaction().withBundle(transaction).execute();
    }

    /** Which refusals are the readings' fault (dead letters) and which are the hub's or ours (retried). */
    private UploadException refusal(int status, String body) {
        String problem = "HTTP " + status + ": " + diagnostics(body == null ? "" : body);
        if (status == 408 || status == 429 || status >= 500) {
            return UploadException.unavailable("the FHIR server could not take the readings now (" + problem + ")");
        }
        if (status == 401 || status == 403) {
            return UploadException.misconfigured("the FHIR server refused the gateway (" + problem
                    + "); check that its client has the device-gateway role");
        }
        return UploadException.rejected("the FHIR server rejected the readings (" + problem + ")");
    }

    private UploadException tokenProblem(TokenEndpointException e) {
        String detail = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        return switch (e.failure()) {
            case UNREACHABLE -> UploadException.unavailable("Keycloak at " + e.endpoint() + " did not answer (" + detail + ")");
            case SERVER_ERROR -> UploadException.unavailable("Keycloak answered " + e.statusCode() + " to the token request");
            // Not the readings' fault: they stay in the outbox until the operator fixes the credentials.
            case REFUSED -> UploadException.misconfigured("Keycloak refused the gateway's credentials (client "
                    + tokens.clientId() + ", HTTP " + e.statusCode() + "): check the client id and secret");
            case UNREADABLE -> UploadException.unavailable("Keycloak's token response was unreadable: " + detail);
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
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
