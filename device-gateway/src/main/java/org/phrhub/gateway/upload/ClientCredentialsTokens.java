package org.phrhub.gateway.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The gateway's access token from Keycloak (OAuth2 client credentials), fetched again shortly before it expires. */
public final class ClientCredentialsTokens {

    /** Fetch a new token this long before the current one expires, so no request carries a stale one. */
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokens(HttpClient http, URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    public synchronized String current() throws UploadException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the token, e.g. after the server answered 401 (Keycloak restarted with new keys). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws UploadException {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw UploadException.unavailable("Keycloak at " + tokenEndpoint + " did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UploadException.unavailable("interrupted while asking Keycloak for a token");
        }
        if (response.statusCode() >= 500) {
            throw UploadException.unavailable("Keycloak answered " + response.statusCode() + " to the token request");
        }
        if (response.statusCode() != 200) {
            // Not the readings' fault: they stay in the outbox until the operator fixes the credentials.
            throw UploadException.misconfigured("Keycloak refused the gateway's credentials (client " + clientId + ", HTTP "
                    + response.statusCode() + "): check the client id and secret");
        }
        try {
            JsonNode body = json.readTree(response.body());
            token = body.get("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            refreshAt = clock.instant().plusSeconds(lifetime).minus(EARLY);
        } catch (IOException | NullPointerException e) {
            throw UploadException.unavailable("Keycloak's token response was unreadable: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
