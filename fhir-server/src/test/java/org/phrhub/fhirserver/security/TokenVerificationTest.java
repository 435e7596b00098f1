package org.phrhub.fhirserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;

/**
 * Only tokens the server can verify get in: each kind of bad token is refused with 401 and an
 * OperationOutcome, on read, search and create alike, and a refused create stores nothing.
 */
class TokenVerificationTest extends FhirServerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODE = Base64.getUrlDecoder();

    enum BadToken {
        MISSING,
        EXPIRED,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        UNSIGNED,
        TAMPERED
    }

    enum Interaction {
        READ,
        SEARCH,
        CREATE
    }

    static Stream<Arguments> everyBadTokenOnEveryInteraction() {
        return Stream.of(BadToken.values())
                .flatMap(token -> Stream.of(Interaction.values()).map(interaction -> Arguments.of(token, interaction)));
    }

    @ParameterizedTest(name = "{0} token on {1} gets 401")
    @MethodSource("everyBadTokenOnEveryInteraction")
    void badTokenIsRefusedWith401AndStoresNothing(BadToken kind, Interaction interaction) {
        String token = badToken(kind);
        Observation reading = Observations.heartRate("Patient/hanako", 71);

        FhirHttp.Response response = switch (interaction) {
            case READ -> fhir.get("Patient/hanako", token);
            case SEARCH -> fhir.get("Observation?subject=Patient/hanako", token);
            case CREATE -> fhir.post("Observation", token, reading);
        };

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        OperationOutcome outcome = response.outcome();
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).containsIgnoringCase("token");
        if (interaction == Interaction.CREATE) {
            FhirHttp.Response stored = fhir.get(
                    Observations.searchFor(reading),
                    tokenOf("hanako"));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.bundle().getEntry()).as("a refused create must store nothing").isEmpty();
        }
    }

    @Test
    void theSameTokenUntouchedIsAccepted() {
        // The bad tokens above are derived from tokens like this one; this proves they fail for what was changed.
        assertThat(fhir.get("Patient/hanako", tokenOf("hanako")).status()).isEqualTo(200);
    }

    @Test
    void tokensFetchedThroughAnyAddressOfKeycloakAreAccepted() {
        String viaLoopbackAddress = keycloak().tokens().userTokenVia(keycloak().baseUrl().replace("://localhost:", "://127.0.0.1:"), "hanako");
        String viaLocalhost = keycloak().tokens().userTokenVia(keycloak().baseUrl(), "hanako");

        assertThat(fhir.get("Patient/hanako", viaLoopbackAddress).status()).isEqualTo(200);
        assertThat(fhir.get("Patient/hanako", viaLocalhost).status()).isEqualTo(200);
    }

    private String badToken(BadToken kind) {
        return switch (kind) {
            case MISSING -> null;
            case EXPIRED -> ExpiredTokens.issue(keycloak());
            // A genuine token of the same Keycloak, but of its master realm: another issuer.
            case WRONG_ISSUER -> keycloak().adminAccessToken();
            // Keycloak's own admin-cli client is in the realm but its tokens are not meant for this server.
            case WRONG_AUDIENCE -> keycloak().tokens().userToken("hanako", "admin-cli");
            case UNSIGNED -> unsigned(tokenOf("hanako"));
            case TAMPERED -> tampered(tokenOf("taro"));
        };
    }

    /** The genuine claims under {@code alg: none} and without a signature. */
    private static String unsigned(String token) {
        String header = B64URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** Taro's genuine token, edited to claim he is Hanako; the signature no longer matches. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) JSON.readTree(B64URL_DECODE.decode(parts[1]));
            claims.put("fhirUser", "Patient/hanako");
            claims.put("preferred_username", "hanako");
            String payload = B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Real Keycloak tokens that live one second, from a client the test registers for that purpose. */
    static final class ExpiredTokens {

        private static final String CLIENT = "expiry-probe";

        static String issue(org.phrhub.testsupport.keycloak.TestKeycloak keycloak) {
            registerShortLivedClient(keycloak);
            String token = keycloak.tokens().clientToken(CLIENT);
            waitUntilExpired(token);
            return token;
        }

        private static void registerShortLivedClient(org.phrhub.testsupport.keycloak.TestKeycloak keycloak) {
            String client = """
                    {"clientId": "%s", "secret": "%s-secret", "publicClient": false,
                     "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
                     "attributes": {"access.token.lifespan": "1"},
                     "protocolMappers": [{"name": "fhir-server audience", "protocol": "openid-connect",
                        "protocolMapper": "oidc-audience-mapper",
                        "config": {"included.custom.audience": "fhir-server", "access.token.claim": "true",
                                   "id.token.claim": "false"}}]}
                    """.formatted(CLIENT, CLIENT);
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            keycloak.baseUrl() + "/admin/realms/" + keycloak.realm() + "/clients"))
                    .header("Authorization", "Bearer " + keycloak.adminAccessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client))
                    .build();
            try {
                int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                // 409: registered by an earlier test of this run.
                assertThat(status).as("registering %s in Keycloak", CLIENT).isIn(201, 409);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void waitUntilExpired(String token) {
            try {
                long exp = JSON.readTree(B64URL_DECODE.decode(token.split("\\.")[1])).get("exp").asLong();
                long waitMillis = Instant.ofEpochSecond(exp).toEpochMilli() - System.currentTimeMillis() + 1_100;
                if (waitMillis > 0) {
                    Thread.sleep(waitMillis);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
