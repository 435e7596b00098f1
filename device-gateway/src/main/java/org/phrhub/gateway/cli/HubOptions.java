package org.phrhub.gateway.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.config.GatewayIdentity;
import org.phrhub.gateway.config.GatewaySettings;
import picocli.CommandLine.Option;

/** Where the hub is and where the gateway keeps its data; shared by the commands that need them. */
public final class HubOptions {

    @Option(names = "--fhir-url", defaultValue = "${env:PHRHUB_FHIR_URL:-http://localhost:8080/fhir}",
            description = "The hub's FHIR endpoint (env PHRHUB_FHIR_URL; default ${DEFAULT-VALUE}).")
    URI fhirUrl;

    @Option(names = "--issuer", defaultValue = "${env:PHRHUB_ISSUER:-http://localhost:8180/realms/phr-hub}",
            description = "Keycloak realm issuing the gateway's token (env PHRHUB_ISSUER; default ${DEFAULT-VALUE}).")
    URI issuer;

    @Option(names = "--client-id", defaultValue = "${env:PHRHUB_GATEWAY_CLIENT_ID:-device-gateway}",
            description = "OAuth2 client of this gateway (env PHRHUB_GATEWAY_CLIENT_ID; default ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:PHRHUB_GATEWAY_CLIENT_SECRET}",
            description = "Its secret (env PHRHUB_GATEWAY_CLIENT_SECRET).")
    String clientSecret;

    @Option(names = "--data-dir", defaultValue = "${env:PHRHUB_GATEWAY_DATA:-gateway-data}",
            description = "Outbox, dead letters and bindings (env PHRHUB_GATEWAY_DATA; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--zone", description = "The home's time zone, in which monitors keep time (default: this machine's).")
    ZoneId zone = ZoneId.systemDefault();

    @Option(names = "--batch-size", defaultValue = "50", description = "Readings per upload transaction (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--retry-max", defaultValue = "PT60S", description = "Longest wait between upload attempts while the hub is down (default ${DEFAULT-VALUE}).")
    Duration retryMax;

    @Option(names = "--gateway-id", description = "This gateway's identifier on the hub (default: generated once and kept in the data folder).")
    String gatewayId;

    /** The gateway's parts; fails with a message saying what to set when a setting is missing. */
    public Gateway gateway(Clock clock) throws IOException {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new InvalidInputException("the gateway's client secret is not set: pass --client-secret or set PHRHUB_GATEWAY_CLIENT_SECRET");
        }
        GatewaySettings settings = new GatewaySettings(fhirUrl, issuer, clientId, clientSecret, dataDir, zone, batchSize,
                Duration.ofSeconds(1), retryMax, gatewayId == null ? new GatewayIdentity(dataDir).id() : gatewayId);
        return new Gateway(settings, clock);
    }

    /** The data folder without the hub connection, for commands that only look at local state. */
    public Path dataDir() {
        return dataDir;
    }
}
