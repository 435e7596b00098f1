package org.phrhub.fhirserver.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a missing or rejected token (401) and a refused request (403) the way a FHIR client expects:
 * an OperationOutcome that says what was wrong and what to do, plus the OAuth {@code WWW-Authenticate}.
 */
@Component
public class OperationOutcomeErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private final FhirContext fhirContext;

    public OperationOutcomeErrorResponses(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean tokenPresent = request.getHeader("Authorization") != null;
        String message = tokenPresent
                ? "The bearer token was rejected: " + reasonOf(failure)
                        + ". Sign in again with the PHR Hub realm to get a fresh token."
                : "This request needs a bearer token from the PHR Hub realm (Authorization: Bearer <token>).";
        String challenge = tokenPresent
                ? "Bearer error=\"invalid_token\", error_description=\"" + quoteSafe(reasonOf(failure)) + "\""
                : "Bearer";
        response.setHeader("WWW-Authenticate", challenge);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, OperationOutcome.IssueType.LOGIN, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        write(response, HttpServletResponse.SC_FORBIDDEN, OperationOutcome.IssueType.FORBIDDEN,
                "Your token is valid but does not allow this request.");
    }

    /** 503 with Retry-After: the server cannot take this request now; the same request later will do. */
    public void busy(HttpServletResponse response, Duration retryAfter, String message) throws IOException {
        response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, OperationOutcome.IssueType.TRANSIENT, message);
    }

    private void write(HttpServletResponse response, int status, OperationOutcome.IssueType type, String message)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        response.setStatus(status);
        response.setContentType(FHIR_JSON);
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    private static String reasonOf(AuthenticationException failure) {
        if (failure instanceof InvalidBearerTokenException && failure.getMessage() != null) {
            return failure.getMessage();
        }
        return failure.getMessage() != null ? failure.getMessage() : "invalid token";
    }

    private static String quoteSafe(String text) {
        return text.replace("\"", "'").replace("\\", "/");
    }
}
