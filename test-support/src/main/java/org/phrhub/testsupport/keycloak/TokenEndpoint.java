package org.phrhub.testsupport.keycloak;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.oauth.TokenEndpointClient;
import org.phrhub.client.oauth.TokenEndpointException;

/**
 * Asks Keycloak for one access token through the hub's token client, and words its failures for tests:
 * no caching, so every call is a fresh sign-in.
 */
final class TokenEndpoint {

    private static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

    /**
     * A password sign-in through a public client.
     *
     * @param keycloakBaseUrl e.g. {@code http://localhost:8180}; the token issuer follows this host name
     */
    String passwordToken(String keycloakBaseUrl, String realm, String clientId, String username, String password) {
        AuthorizationGrant grant = new ResourceOwnerPasswordCredentialsGrant(username, new Secret(password));
        return accessToken(keycloakBaseUrl, realm,
                "grant_type=password, client_id=" + clientId + ", username=" + username,
                endpoint -> endpoint.request(new ClientID(clientId), grant).value());
    }

    /** A machine client's own token (client credentials). */
    String clientToken(String keycloakBaseUrl, String realm, String clientId, String clientSecret) {
        ClientSecretPost client = new ClientSecretPost(new ClientID(clientId), new Secret(clientSecret));
        return accessToken(keycloakBaseUrl, realm, "grant_type=client_credentials, client_id=" + clientId,
                endpoint -> endpoint.request(client, new ClientCredentialsGrant()).value());
    }

    /** @param fields the request's fields that are safe to repeat in error messages (never a password or secret) */
    private static String accessToken(String keycloakBaseUrl, String realm, String fields,
            Function<TokenEndpointClient, String> request) {
        URI issuer = URI.create(stripTrailingSlash(keycloakBaseUrl) + "/realms/" + realm);
        TokenEndpointClient endpoint = TokenEndpointClient.ofKeycloakRealm(issuer, TIMEOUTS);
        String described = "the token request (" + fields + ") at " + endpoint.endpoint();
        try {
            return request.apply(endpoint);
        } catch (TokenEndpointException e) {
            switch (e.failure()) {
                case UNREACHABLE -> throw new IllegalStateException("Keycloak did not answer " + described + ": " + e.getCause()
                        + ". Is it running at " + keycloakBaseUrl + "?", e);
                case UNREADABLE -> throw new TokenRequestException(described + " (answer is not a token response)",
                        e.statusCode(), e.body());
                default -> throw new TokenRequestException(described, e.statusCode(), e.body());
            }
        }
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
