package org.phrhub.client.oauth;

import java.time.Duration;
import java.util.Optional;

/**
 * An access token as the token endpoint issued it.
 *
 * @param value the token (for Keycloak a JWT), sent as {@code Authorization: Bearer value}
 * @param lifetime {@code expires_in}, when the endpoint said
 */
public record IssuedToken(String value, Optional<Duration> lifetime) {

    @Override
    public String toString() {
        // Never print the token itself: it is a credential.
        return "IssuedToken[lifetime=" + lifetime.map(Duration::toString).orElse("unknown") + "]";
    }
}
