package org.phrhub.client.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phrhub.client.HttpTimeouts;

class ClientCredentialsTokenSourceTest {

    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final SettableClock clock = new SettableClock();
    private FakeTokenEndpoint keycloak;
    private ClientCredentialsTokenSource tokens;

    @BeforeEach
    void start() throws Exception {
        keycloak = new FakeTokenEndpoint();
        tokens = new ClientCredentialsTokenSource(TokenEndpointClient.ofKeycloakRealm(keycloak.issuer(), TIMEOUTS),
                "device-gateway", "device-gateway-secret", clock);
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    @Test
    void theTokenIsFetchedOnceAndReusedUntilShortlyBeforeItExpires() {
        keycloak.answer(200, FakeTokenEndpoint.token("first", 300));
        assertThat(tokens.accessToken()).isEqualTo("first");
        keycloak.answer(200, FakeTokenEndpoint.token("second", 300));
        clock.advance(Duration.ofSeconds(269));

        assertThat(tokens.accessToken()).isEqualTo("first");
        assertThat(keycloak.forms()).hasSize(1);
        assertThat(keycloak.forms().getFirst())
                .contains("grant_type=client_credentials", "client_id=device-gateway", "client_secret=device-gateway-secret");
    }

    @Test
    void aTokenAboutToExpireIsReplacedByANewOne() {
        keycloak.answer(200, FakeTokenEndpoint.token("first", 300));
        tokens.accessToken();
        keycloak.answer(200, FakeTokenEndpoint.token("second", 300));
        clock.advance(Duration.ofSeconds(271));

        assertThat(tokens.accessToken()).isEqualTo("second");
        assertThat(keycloak.forms()).hasSize(2);
    }

    @Test
    void anInvalidatedTokenIsFetchedAgainAtOnce() {
        tokens.accessToken();
        keycloak.answer(200, FakeTokenEndpoint.token("after-restart", 300));
        tokens.invalidate();

        assertThat(tokens.accessToken()).isEqualTo("after-restart");
    }

    @Test
    void aRefusedClientIsReportedWithTheEndpointAndKeycloaksError() {
        keycloak.answer(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.failure()).isEqualTo(TokenEndpointException.Failure.REFUSED);
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.body()).contains("unauthorized_client");
                })
                .hasMessage("Keycloak at " + keycloak.issuer() + "/protocol/openid-connect/token refused client device-gateway"
                        + " (HTTP 401: unauthorized_client, Invalid client or Invalid client credentials)");
    }

    @Test
    void keycloakInTroubleIsAServerErrorNotARefusal() {
        keycloak.answer(503, "<html>starting</html>");

        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(TokenEndpointException.class,
                e -> assertThat(e.failure()).isEqualTo(TokenEndpointException.Failure.SERVER_ERROR));
    }

    @Test
    void anAnswerWithoutATokenIsUnreadable() {
        keycloak.answer(200, "{\"expires_in\":300}");

        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(TokenEndpointException.class,
                e -> assertThat(e.failure()).isEqualTo(TokenEndpointException.Failure.UNREADABLE));
    }

    @Test
    void aKeycloakThatIsNotThereIsUnreachableAndNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/realms/test");
        ClientCredentialsTokenSource unreachable = new ClientCredentialsTokenSource(
                TokenEndpointClient.ofKeycloakRealm(nowhere, TIMEOUTS), "device-gateway", "secret", clock);

        assertThatThrownBy(unreachable::accessToken)
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.failure()).isEqualTo(TokenEndpointException.Failure.UNREACHABLE))
                .hasMessageStartingWith("Keycloak at " + nowhere + "/protocol/openid-connect/token did not answer");
    }
}
