package org.phrhub.testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Posts OAuth token requests to Keycloak and returns the access token. */
final class TokenEndpoint {

    /** Form fields that are safe to repeat in error messages. */
    private static final Set<String> DESCRIBED_FIELDS = Set.of("grant_type", "client_id", "username");

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    TokenEndpoint(HttpClient http) {
        this.http = http;
    }

    /**
     * @param keycloakBaseUrl e.g. {@code http://localhost:8180}; the token issuer follows this host name
     * @param realm           realm whose token endpoint to use
     * @param form            the request's form fields
     */
    String accessToken(String keycloakBaseUrl, String realm, Map<String, String> form) {
        URI endpoint = URI.create(stripTrailingSlash(keycloakBaseUrl) + "/realms/" + realm + "/protocol/openid-connect/token");
        String described = describe(form) + " at " + endpoint;
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer " + described + ": " + e
                    + ". Is it running at " + keycloakBaseUrl + "?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak to answer " + described, e);
        }
        if (response.statusCode() != 200) {
            throw new TokenRequestException(described, response.statusCode(), response.body());
        }
        try {
            JsonNode token = json.readTree(response.body()).path("access_token");
            if (!token.isTextual()) {
                throw new TokenRequestException(described + " (answer has no access_token)", response.statusCode(), response.body());
            }
            return token.asText();
        } catch (IOException e) {
            throw new TokenRequestException(described + " (answer is not JSON)", response.statusCode(), response.body());
        }
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String describe(Map<String, String> form) {
        return "the token request (" + form.entrySet().stream()
                .filter(field -> DESCRIBED_FIELDS.contains(field.getKey()))
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String encode(Map<String, String> form) {
        return new LinkedHashMap<>(form).entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
