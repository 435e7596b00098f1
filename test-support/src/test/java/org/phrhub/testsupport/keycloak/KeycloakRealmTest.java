package org.phrhub.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The phr-hub realm as tests, the demo and docker import it: what its tokens say and who may get them. */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE = "fhir-server";

    private static TestKeycloak keycloak;
    private static HubTokens tokens;

    @BeforeAll
    static void startKeycloak() {
        keycloak = TestKeycloak.instance();
        tokens = keycloak.tokens();
    }

    @ParameterizedTest
    @CsvSource({
            "hanako, Patient/hanako, C0000000001",
            "taro,   Patient/taro,   C0000000002",
    })
    void patientTokenNamesTheirPatientRecordAndCommonId(String username, String fhirUser, String commonId) {
        JsonNode claims = claims(tokens.userToken(username));

        assertThat(claims.path("fhirUser").asText()).isEqualTo(fhirUser);
        assertThat(claims.path("common_id").asText()).isEqualTo(commonId);
        assertThat(realmRoles(claims)).contains("patient").doesNotContain("physician", "pharmacist");
        assertThat(audiences(claims)).contains(AUDIENCE);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
    }

    @ParameterizedTest
    @CsvSource({
            "dr.suzuki, physician,  Practitioner/dr-suzuki, Organization/aizu-clinic",
            "ph.ito,    pharmacist, Practitioner/ph-ito,    Organization/aizu-pharmacy",
    })
    void clinicianTokenNamesTheirPractitionerRoleAndOrganization(
            String username, String role, String fhirUser, String organization) {
        JsonNode claims = claims(tokens.userToken(username));

        assertThat(claims.path("fhirUser").asText()).isEqualTo(fhirUser);
        assertThat(claims.path("organization").asText()).isEqualTo(organization);
        assertThat(realmRoles(claims)).contains(role).doesNotContain("patient");
        assertThat(claims.has("common_id")).isFalse();
        assertThat(audiences(claims)).contains(AUDIENCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-gateway", "ehr-importer", "city-broker"})
    void machineClientTokenCarriesTheRoleOfItsJobAndTheServerAudience(String clientId) {
        JsonNode claims = claims(tokens.clientToken(clientId));

        assertThat(realmRoles(claims)).contains(clientId).doesNotContain("patient", "physician", "pharmacist");
        assertThat(audiences(claims)).contains(AUDIENCE);
        assertThat(claims.path("azp").asText()).isEqualTo(clientId);
        assertThat(claims.has("fhirUser")).isFalse();
    }

    @Test
    void tokenFromKeycloaksOwnAdminClientIsNotMeantForTheServer() {
        JsonNode claims = claims(tokens.userToken("hanako", "admin-cli"));

        assertThat(claims.path("azp").asText()).isEqualTo("admin-cli");
        assertThat(audiences(claims)).doesNotContain(AUDIENCE);
    }

    @Test
    void tokenAskedForUnderAnotherAddressNamesTheSameIssuer() {
        String otherBaseUrl = keycloak.baseUrl().replace("://localhost:", "://127.0.0.1:");

        JsonNode claims = claims(tokens.userTokenVia(otherBaseUrl, "hanako"));

        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
    }

    @Test
    void wrongPasswordIsRefusedWithKeycloaksReasonAndWithoutThePassword() {
        assertThatThrownBy(() -> tokens.passwordToken(keycloak.baseUrl(), "hub-cli", "hanako", "not-the-password"))
                // 400 as RFC 6749 section 5.2 says for invalid_grant; Keycloak before 26.6 answered 401
                .isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("username=hanako")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void publicCliClientCannotActAsAMachine() {
        assertThatThrownBy(() -> tokens.clientToken("hub-cli"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("unauthorized_client");
    }

    @Test
    void telehealthBridgeSignInWithoutPkceIsRefusedAndWithPkceShowsTheLoginPage() throws Exception {
        String authorize = keycloak.issuer() + "/protocol/openid-connect/auth?client_id=telehealth-bridge"
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Flogin%2Fcallback";
        String challenge = "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<String> withoutPkce = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> withPkce = http.send(HttpRequest.newBuilder(URI.create(authorize + challenge)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(withoutPkce.statusCode()).isEqualTo(302);
            assertThat(withoutPkce.headers().firstValue("Location")).get().asString()
                    .startsWith("http://localhost:8081/login/callback")
                    .contains("error=invalid_request")
                    .contains("code_challenge_method");
            assertThat(withPkce.statusCode()).isEqualTo(200);
            assertThat(withPkce.body()).contains("kc-form-login");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"device-gateway", "ehr-importer", "city-broker"})
    void machineClientsUseClientCredentialsOnly(String clientId) throws Exception {
        JsonNode client = admin("/clients?clientId=" + clientId).get(0);

        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("description").asText()).containsIgnoringCase("dev-only");
    }

    @Test
    void cliClientSignsInPeopleByPasswordOnly() throws Exception {
        JsonNode client = admin("/clients?clientId=hub-cli").get(0);

        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("description").asText()).containsIgnoringCase("dev-only");
    }

    @Test
    void telehealthBridgeSignsInOnlyThroughAuthorizationCodeWithPkce() throws Exception {
        JsonNode client = admin("/clients?clientId=telehealth-bridge").get(0);

        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(client.path("redirectUris").get(0).asText()).isEqualTo("http://localhost:8081/*");
    }

    @Test
    void identityAttributesAreManagedAndOnlyAdminsMayEditThem() throws Exception {
        JsonNode profile = admin("/users/profile");
        for (String attribute : List.of("fhirUser", "common_id", "organization")) {
            JsonNode declared = findByName(profile.path("attributes"), attribute);
            assertThat(declared).as("user profile declares %s", attribute).isNotNull();
            assertThat(textValues(declared.path("permissions").path("edit"))).containsExactly("admin");
        }

        // Managed attributes are what the admin API shows and keeps when an admin saves the user.
        JsonNode hanako = admin("/users?username=hanako&exact=true").get(0);
        assertThat(hanako.path("attributes").path("fhirUser").get(0).asText()).isEqualTo("Patient/hanako");
        assertThat(hanako.path("requiredActions")).isEmpty();
    }

    private static JsonNode admin(String pathInRealm) throws IOException, InterruptedException {
        URI uri = URI.create(keycloak.baseUrl() + "/admin/realms/" + keycloak.realm() + pathInRealm);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a JWT has three parts").hasSize(3);
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new AssertionError("JWT payload is not JSON: " + e.getMessage(), e);
        }
    }

    /** {@code aud} is a string when there is one audience and an array when there are more. */
    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isTextual() ? List.of(aud.asText()) : textValues(aud);
    }

    private static List<String> realmRoles(JsonNode claims) {
        return textValues(claims.path("realm_access").path("roles"));
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode findByName(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (name.equals(element.path("name").asText())) {
                return element;
            }
        }
        return null;
    }
}
