package org.phrhub.fhirserver.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens the server trusts.
 *
 * @param issuerUri the Keycloak realm that signs tokens; their {@code iss} must equal it
 * @param audience  the audience every token must name
 * @param jwkSetUri where the realm publishes its signing keys; derived from the issuer (Keycloak layout) when unset
 * @param clockSkew how far token times may disagree with this server's clock
 */
@ConfigurationProperties("phrhub.security")
public record TokenProperties(
        URI issuerUri,
        @DefaultValue("fhir-server") String audience,
        URI jwkSetUri,
        @DefaultValue("30s") Duration clockSkew) {

    public TokenProperties {
        if (issuerUri == null) {
            throw new IllegalStateException(
                    "phrhub.security.issuer-uri is not set: name the Keycloak realm that signs tokens,"
                            + " e.g. http://localhost:8180/realms/phr-hub");
        }
    }

    public URI effectiveJwkSetUri() {
        return jwkSetUri != null ? jwkSetUri : URI.create(issuerUri + "/protocol/openid-connect/certs");
    }
}
