package org.phrhub.testsupport.keycloak;

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
    public HubTokens(String baseUrl, String realm) {
        this.baseUrl = TokenEndpoint.stripTrailingSlash(baseUrl);
        this.realm = realm;
        this.endpoint = new TokenEndpoint();
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
        return endpoint.passwordToken(tokenEndpointBaseUrl, realm, clientId, username, password);
    }

    /** The machine client's own token (client credentials, dev secret {@code <clientId>-secret}). */
    public String clientToken(String clientId) {
        return endpoint.clientToken(baseUrl, realm, clientId, clientId + "-secret");
    }
}
