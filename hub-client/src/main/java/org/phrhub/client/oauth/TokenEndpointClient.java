package org.phrhub.client.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.phrhub.client.HttpTimeouts;

/** Sends one OAuth2 token request to one token endpoint (Nimbus OAuth2 SDK) and reads the answer. */
public final class TokenEndpointClient {

    private final URI endpoint;
    private final HttpTimeouts timeouts;

    public TokenEndpointClient(URI endpoint, HttpTimeouts timeouts) {
        this.endpoint = endpoint;
        this.timeouts = timeouts;
    }

    /** The token endpoint of a Keycloak realm, e.g. issuer {@code http://localhost:8180/realms/phr-hub}. */
    public static TokenEndpointClient ofKeycloakRealm(URI issuer, HttpTimeouts timeouts) {
        String base = issuer.toString().replaceAll("/+$", "");
        return new TokenEndpointClient(URI.create(base + "/protocol/openid-connect/token"), timeouts);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A confidential client's request, e.g. client credentials with {@code ClientSecretPost}. */
    public IssuedToken request(ClientAuthentication client, AuthorizationGrant grant) {
        return send(new TokenRequest(endpoint, client, grant), client.getClientID());
    }

    /** A public client's request, e.g. a password sign-in through {@code hub-cli}. */
    public IssuedToken request(ClientID publicClient, AuthorizationGrant grant) {
        return send(new TokenRequest(endpoint, publicClient, grant), publicClient);
    }

    private IssuedToken send(TokenRequest request, ClientID client) {
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(timeouts.connectMillis());
        http.setReadTimeout(timeouts.readMillis());
        http.setAccept("application/json");
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            throw new TokenEndpointException(TokenEndpointException.Failure.UNREACHABLE, endpoint, 0, "",
                    "Keycloak at " + endpoint + " did not answer (" + e + ")", e);
        }
        int status = response.getStatusCode();
        String body = response.getContent() == null ? "" : response.getContent();
        if (status >= 500) {
            throw new TokenEndpointException(TokenEndpointException.Failure.SERVER_ERROR, endpoint, status, body,
                    "Keycloak at " + endpoint + " answered HTTP " + status + " to the token request of client " + client, null);
        }
        if (status != 200) {
            throw new TokenEndpointException(TokenEndpointException.Failure.REFUSED, endpoint, status, body,
                    "Keycloak at " + endpoint + " refused client " + client + " (HTTP " + status + describe(response) + ")", null);
        }
        try {
            AccessToken token = TokenResponse.parse(response).toSuccessResponse().getTokens().getAccessToken();
            Optional<Duration> lifetime = token.getLifetime() > 0
                    ? Optional.of(Duration.ofSeconds(token.getLifetime())) : Optional.empty();
            return new IssuedToken(token.getValue(), lifetime);
        } catch (ParseException | RuntimeException e) {
            throw new TokenEndpointException(TokenEndpointException.Failure.UNREADABLE, endpoint, status, body,
                    "Keycloak at " + endpoint + " answered with no readable token: " + e.getMessage(), e);
        }
    }

    /** Keycloak's error code and description, e.g. {@code ": invalid_client, Invalid client credentials"}. */
    private static String describe(HTTPResponse response) {
        try {
            ErrorObject error = TokenErrorResponse.parse(response).getErrorObject();
            if (error == null || error.getCode() == null) {
                return "";
            }
            return ": " + error.getCode() + (error.getDescription() == null ? "" : ", " + error.getDescription());
        } catch (ParseException | RuntimeException e) {
            // Not an OAuth error answer (e.g. a proxy's page): the status alone is what there is.
            return "";
        }
    }
}
