package org.phrhub.testsupport.keycloak;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens from the {@code phr-hub} realm: demo users signed in with their password, and machine
 * clients with client credentials. Every method returns the raw access token (a JWT).
 *
 * @throws TokenRequestException from every method when Keycloak refuses; the message carries Keycloak's answer
 */
public final class HubTokens {

    /** Password of every demo user in the realm. */
    public static final String DEMO_PASSWORD = "phrhub";

    /** Public client that may sign users in with their password (grant_type=password). */
    public static final String PASSWORD_CLIENT = "hub-cli";

    private final String baseUrl;
    private final String realm;
    private final TokenEndpoint endpoint;

    /**
     * @param baseUrl Keycloak's base URL, e.g. {@code http://localhost:8180}
     * @param realm   the hub's realm, normally {@code phr-hub}
     */
    public HubTokens(String baseUrl, String realm, HttpClient http) {
        this.baseUrl = TokenEndpoint.stripTrailingSlash(baseUrl);
        this.realm = realm;
        this.endpoint = new TokenEndpoint(http);
    }

    /** The demo user signed in through {@code hub-cli}. */
    public String userToken(String username) {
        return userToken(username, PASSWORD_CLIENT);
    }

    /** The demo user signed in through another public client, e.g. Keycloak's own {@code admin-cli}. */
    public String userToken(String username, String clientId) {
        return passwordToken(baseUrl, clientId, username, DEMO_PASSWORD);
    }

    /**
     * The demo user signed in through {@code hub-cli}, but asking Keycloak under another base URL, e.g.
     * {@code http://127.0.0.1:PORT}: the token still names the one public issuer Keycloak is started with.
     */
    public String userTokenVia(String tokenEndpointBaseUrl, String username) {
        return passwordToken(tokenEndpointBaseUrl, PASSWORD_CLIENT, username, DEMO_PASSWORD);
    }

    /** A sign-in with any password, e.g. to see a wrong one refused. */
    public String passwordToken(String tokenEndpointBaseUrl, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        return endpoint.accessToken(tokenEndpointBaseUrl, realm, form);
    }

    /** The machine client's own token (client credentials, dev secret {@code <clientId>-secret}). */
    public String clientToken(String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientId + "-secret");
        return endpoint.accessToken(baseUrl, realm, form);
    }
}
