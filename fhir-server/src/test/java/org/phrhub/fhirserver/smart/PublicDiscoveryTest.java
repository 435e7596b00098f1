package org.phrhub.fhirserver.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;

/** Without a token, a client learns what the server is and where to sign in: the realm's real endpoints. */
class PublicDiscoveryTest extends FhirServerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void capabilityStatementIsPublicAndNamesTheRealmsEndpoints() throws Exception {
        JsonNode realm = realmDiscovery();

        FhirHttp.Response metadata = fhir.get("metadata", null);

        assertThat(metadata.status()).isEqualTo(200);
        CapabilityStatement statement = metadata.resource(CapabilityStatement.class);
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        Extension oauthUris = security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(oauthUris).isNotNull();
        assertThat(oauthUris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(realm.get("authorization_endpoint").asText());
        assertThat(oauthUris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(realm.get("token_endpoint").asText());
    }

    @Test
    void smartConfigurationIsPublicAndNamesTheRealmsEndpoints() throws Exception {
        JsonNode realm = realmDiscovery();

        FhirHttp.Response discovery = fhir.get(".well-known/smart-configuration", null);

        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.header("Content-Type")).startsWith("application/json");
        JsonNode smart = JSON.readTree(discovery.body());
        assertThat(smart.get("issuer").asText()).isEqualTo(keycloak().issuer());
        assertThat(smart.get("authorization_endpoint").asText()).isEqualTo(realm.get("authorization_endpoint").asText());
        assertThat(smart.get("token_endpoint").asText()).isEqualTo(realm.get("token_endpoint").asText());
        assertThat(smart.get("jwks_uri").asText()).isEqualTo(realm.get("jwks_uri").asText());
        assertThat(smart.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        assertThat(smart.get("capabilities")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "launch-standalone", "client-public", "client-confidential-symmetric", "sso-openid-connect",
                "permission-v2", "permission-patient", "permission-offline");
        // The scopes are the realm's own: SMART's among them, each one an app can really ask for.
        assertThat(smart.get("scopes_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(texts(realm.get("scopes_supported")))
                .contains("openid", "fhirUser", "launch/patient", "offline_access",
                        "patient/*.rs", "patient/Observation.rs", "patient/Condition.rs");
        // The token endpoint it names is the one that really issues the hub's tokens.
        assertThat(HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(smart.get("token_endpoint").asText()))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=device-gateway&client_secret=device-gateway-secret"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void pagesOfOtherOriginsMayCallTheServerAsBrowserAppsDo() throws Exception {
        String app = "http://localhost:8090";
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(fhir.base() + "/Observation?patient=Patient/hanako"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", app)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        FhirHttp.Response discovery = fhir.get(".well-known/smart-configuration", null, "Origin", app);

        assertThat(preflight.statusCode()).as(preflight.headers() + " " + preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(app);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");
        assertThat(discovery.header("Access-Control-Allow-Origin")).isEqualTo(app);
        // A cross-origin page still needs a token of its own: CORS opens no data.
        assertThat(fhir.get("Observation", null, "Origin", app).status()).isEqualTo(401);
    }

    @Test
    void everythingElseNeedsAToken() {
        assertThat(fhir.get("Patient", null).status()).isEqualTo(401);
        assertThat(fhir.get("Organization/aizu-clinic", null).status()).isEqualTo(401);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode realmDiscovery() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(keycloak().issuer() + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
