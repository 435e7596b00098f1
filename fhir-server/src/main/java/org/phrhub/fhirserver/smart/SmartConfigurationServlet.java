package org.phrhub.fhirserver.smart;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * SMART App Launch 2.x discovery ({@code /fhir/.well-known/smart-configuration}): where to authorize and get
 * tokens, and what the server supports. Public, like the capability statement.
 */
public class SmartConfigurationServlet extends HttpServlet {

    /**
     * Exactly what the hub and its realm support today; no more. Standalone launch by public apps
     * ({@code resident-app}, PKCE) and confidential clients; {@code openid fhirUser} sign-in; SMART v2
     * {@code patient/} scopes, enforced by the server, and offline access. Not {@code context-standalone-patient}:
     * Keycloak cannot put the {@code patient} parameter into its token response, so an app learns its patient
     * from {@code fhirUser} (or the {@code patient} claim of the ID token) instead. No EHR launch.
     */
    static final List<String> CAPABILITIES = List.of(
            "launch-standalone",
            "client-public",
            "client-confidential-symmetric",
            "sso-openid-connect",
            "permission-v2",
            "permission-patient",
            "permission-offline");

    private final transient IdentityProviderEndpoints endpoints;
    private final transient ObjectMapper json;
    private final transient FhirContext fhirContext;

    public SmartConfigurationServlet(IdentityProviderEndpoints endpoints, ObjectMapper json, FhirContext fhirContext) {
        this.endpoints = endpoints;
        this.json = json;
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        IdentityProviderEndpoints.Endpoints idp;
        try {
            idp = endpoints.current();
        } catch (IdentityProviderEndpoints.IdentityProviderUnavailableException e) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.TRANSIENT)
                    .setDiagnostics(e.getMessage());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("issuer", idp.issuer());
        body.put("jwks_uri", idp.jwksUri());
        body.put("authorization_endpoint", idp.authorizationEndpoint());
        body.put("token_endpoint", idp.tokenEndpoint());
        putIfPresent(body, "revocation_endpoint", idp.revocationEndpoint());
        putIfPresent(body, "introspection_endpoint", idp.introspectionEndpoint());
        putIfPresent(body, "userinfo_endpoint", idp.userinfoEndpoint());
        body.putPOJO("grant_types_supported", List.of("authorization_code", "client_credentials"));
        body.putPOJO("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        // What the realm offers: its client scopes, the SMART ones among them, as its own discovery lists them.
        body.putPOJO("scopes_supported", idp.scopesSupported());
        body.putPOJO("response_types_supported", List.of("code"));
        body.putPOJO("code_challenge_methods_supported", List.of("S256"));
        body.putPOJO("capabilities", CAPABILITIES);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
