package org.phrhub.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Everything the gateway needs to know about its home and its hub.
 *
 * @param fhirBase the hub's FHIR endpoint, e.g. {@code http://localhost:8080/fhir}
 * @param issuer the Keycloak realm that issues the gateway's tokens
 * @param clientId the gateway's OAuth2 client (client credentials)
 * @param dataDir where the outbox, dead letters and bindings live
 * @param zone the home's time zone: monitors keep local time
 * @param batchSize readings per upload transaction
 * @param retryInitial first wait after a failed upload; doubles up to {@code retryMax}
 */
public record GatewaySettings(
        URI fhirBase,
        URI issuer,
        String clientId,
        String clientSecret,
        Path dataDir,
        ZoneId zone,
        int batchSize,
        Duration retryInitial,
        Duration retryMax,
        String gatewayId) {

    public GatewaySettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
    }
}
