package org.phrhub.client.oauth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A machine client's access token (OAuth2 client credentials), kept until shortly before it expires and
 * then fetched again, so callers may ask for it before every request.
 */
public final class ClientCredentialsTokenSource {

    /** Fetch a new token this long before the current one expires, so no request carries a stale one. */
    static final Duration EARLY = Duration.ofSeconds(30);

    /** Assumed when the endpoint does not say {@code expires_in}. */
    static final Duration UNSTATED_LIFETIME = Duration.ofSeconds(60);

    private final TokenEndpointClient endpoint;
    private final ClientSecretPost client;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokenSource(TokenEndpointClient endpoint, String clientId, String clientSecret, Clock clock) {
        this.endpoint = endpoint;
        // In the form, as Keycloak's confidential clients accept by default.
        this.client = new ClientSecretPost(new ClientID(clientId), new Secret(clientSecret));
        this.clock = clock;
    }

    /**
     * The current token, fetched when there is none or it is about to expire.
     *
     * @throws TokenEndpointException when Keycloak gives none
     */
    public synchronized String accessToken() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            IssuedToken issued = endpoint.request(client, new ClientCredentialsGrant());
            token = issued.value();
            refreshAt = clock.instant().plus(issued.lifetime().orElse(UNSTATED_LIFETIME)).minus(EARLY);
        }
        return token;
    }

    /** Forgets the token, e.g. after the server answered 401 (Keycloak restarted with new keys). */
    public synchronized void invalidate() {
        token = null;
    }

    public String clientId() {
        return client.getClientID().getValue();
    }

    public TokenEndpointClient endpoint() {
        return endpoint;
    }
}
