package org.phrhub.fhirserver.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens the server trusts.
 *
 * @param issuerUri the Keycloak realm that signs tokens; their {@code iss} must equal it
 * @param audience  the audience every token must name
 * @param jwkSetUri where the realm publishes its signing keys; derived from the issuer (Keycloak layout) when unset
 * @param clockSkew how far token times may disagree with this server's clock
 * @param appClients the clients of apps residents connect themselves (SMART App Launch): their tokens are held to
 *                   the SMART scopes they were granted, on top of consent
 * @param corsAllowedOrigins the web origins (patterns such as {@code https://*.example.org}, or {@code *}) whose
 *                   pages may call the server from a browser, as SMART apps do; tokens are bearer tokens, never
 *                   cookies, so a page of another origin gains nothing without a token of its own
 */
@ConfigurationProperties("phrhub.security")
public record TokenProperties(
        URI issuerUri,
        @DefaultValue("fhir-server") String audience,
        URI jwkSetUri,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("resident-app") Set<String> appClients,
        @DefaultValue("*") List<String> corsAllowedOrigins) {

    public TokenProperties {
        if (issuerUri == null) {
            throw new IllegalStateException(
                    "phrhub.security.issuer-uri is not set: name the Keycloak realm that signs tokens,"
                            + " e.g. http://localhost:8180/realms/phr-hub");
        }
        appClients = Set.copyOf(appClients);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    public URI effectiveJwkSetUri() {
        return jwkSetUri != null ? jwkSetUri : URI.create(issuerUri + "/protocol/openid-connect/certs");
    }
}
