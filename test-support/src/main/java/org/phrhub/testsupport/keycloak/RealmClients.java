package org.phrhub.testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Changes a client of the running Keycloak through its admin API, for tests; the realm file stays as it
 * is. E.g. lets the bridge's client send people back to a bridge the tests started on a port of their own
 * (the realm file allows only {@code http://localhost:8081/*}).
 */
public final class RealmClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POST_LOGOUT_REDIRECTS = "post.logout.redirect.uris";
    private static final String ACCESS_TOKEN_LIFESPAN = "access.token.lifespan";

    private RealmClients() {}

    /** Adds {@code origin + "/*"} (e.g. {@code http://localhost:43111}) to the client's sign-in and sign-out redirects. */
    public static void allowRedirects(TestKeycloak keycloak, String clientId, String origin) {
        update(keycloak, clientId, client -> {
            String pattern = origin + "/*";
            ((ArrayNode) client.withArray("redirectUris")).add(pattern);
            ObjectNode attributes = client.with("attributes");
            String logout = attributes.path(POST_LOGOUT_REDIRECTS).asText("");
            attributes.put(POST_LOGOUT_REDIRECTS, logout.isEmpty() ? pattern : logout + "##" + pattern);
        });
    }

    /** How long the client's access tokens live; {@code null} for the realm's default again. */
    public static void setAccessTokenLifespan(TestKeycloak keycloak, String clientId, Duration lifespan) {
        update(keycloak, clientId, client -> {
            ObjectNode attributes = client.with("attributes");
            if (lifespan == null) {
                attributes.remove(ACCESS_TOKEN_LIFESPAN);
            } else {
                attributes.put(ACCESS_TOKEN_LIFESPAN, Long.toString(lifespan.toSeconds()));
            }
        });
    }

    private static void update(TestKeycloak keycloak, String clientId, Consumer<ObjectNode> change) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = keycloak.adminAccessToken();
        String clients = keycloak.baseUrl() + "/admin/realms/" + keycloak.realm() + "/clients";
        try {
            JsonNode found = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(clients + "?clientId="
                    + URLEncoder.encode(clientId, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET(), 200));
            if (found.isEmpty()) {
                throw new IllegalStateException("The realm " + keycloak.realm() + " has no client " + clientId);
            }
            ObjectNode client = (ObjectNode) found.get(0);
            change.accept(client);
            send(http, HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))), 204);
        } catch (IOException e) {
            throw new IllegalStateException("Could not change the client " + clientId + ": " + e.getMessage(), e);
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("Keycloak's admin API answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Keycloak's admin API", e);
        }
    }
}
