package org.phrhub.client.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.oauth.ClientCredentialsTokenSource;
import org.phrhub.client.oauth.TokenEndpointClient;
import org.phrhub.client.oauth.TokenEndpointException;

class FhirClientsTest {

    private static final String OUTCOME = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"processing\",\"diagnostics\":\"Patient/no-such-resident is not known\"}]}";

    private final FhirClients clients = new FhirClients(FhirContext.forR4Cached(),
            new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer hub;
    private volatile int status = 200;
    private volatile String answer = "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}";

    @BeforeEach
    void start() throws Exception {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/fhir", exchange -> {
            exchange.getRequestBody().readAllBytes();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop(0);
    }

    private URI fhirBase() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort() + "/fhir/");
    }

    @Test
    void everyRequestCarriesTheTokenCurrentAtThatMoment() {
        List<String> issued = List.of("one", "two");
        int[] next = {0};
        IGenericClient client = clients.withTokens(fhirBase(), () -> issued.get(next[0]++));

        client.transaction().withBundle(new Bundle().setType(Bundle.BundleType.TRANSACTION)).execute();
        client.transaction().withBundle(new Bundle().setType(Bundle.BundleType.TRANSACTION)).execute();

        assertThat(authorizations).containsExactly("Bearer one", "Bearer two");
    }

    @Test
    void aRefusalKeepsTheServersStatusAndAnswer() {
        status = 422;
        answer = OUTCOME;
        IGenericClient client = clients.withTokens(fhirBase(), () -> "token");

        assertThatThrownBy(() -> client.transaction().withBundle(new Bundle().setType(Bundle.BundleType.TRANSACTION)).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("no-such-resident");
                });
    }

    @Test
    void aRefusedTokenStopsTheRequestWithTheTokenEndpointsOwnError() {
        hub.createContext("/realms/test/protocol/openid-connect/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":\"unauthorized_client\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        URI issuer = URI.create("http://127.0.0.1:" + hub.getAddress().getPort() + "/realms/test");
        ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(
                TokenEndpointClient.ofKeycloakRealm(issuer, new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))),
                "device-gateway", "wrong", Clock.systemUTC());
        IGenericClient client = clients.withClientCredentials(fhirBase(), tokens);

        assertThatThrownBy(() -> client.transaction().withBundle(new Bundle().setType(Bundle.BundleType.TRANSACTION)).execute())
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.failure()).isEqualTo(TokenEndpointException.Failure.REFUSED));
        assertThat(authorizations).as("nothing reached the FHIR server").isEmpty();
    }
}
