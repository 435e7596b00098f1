package org.phrhub.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.testsupport.OncePerRun;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestPostgres;

/**
 * The real hub for the gateway's end-to-end tests, once per test JVM: this run's PostgreSQL, Keycloak
 * with the phr-hub realm, and the packaged FHIR server with the demo patients, as its own process so
 * tests can stop and start it.
 */
public final class HubFixture {

    /** The demo realm's secret of the device-gateway client. */
    public static final String GATEWAY_SECRET = "device-gateway-secret";

    private static final class Holder {
        static final OncePerRun<FhirServerProcess> SERVER = OncePerRun.attempt(() -> FhirServerProcess.start(
                TestPostgres.database(), TestKeycloak.instance().issuer(), List.of("--phrhub.demo.seed=true")));
    }

    private HubFixture() {}

    public static FhirServerProcess server() {
        FhirServerProcess server = Holder.SERVER.get();
        if (!server.isRunning()) {
            server.restart(); // a test that stopped it failed before starting it again
        }
        return server;
    }

    /**
     * A gateway in Tokyo uploading to this hub with the demo realm's device-gateway client, retrying fast
     * (0.2 s, at most 2 s) so that tests of outages stay short.
     */
    public static GatewaySettings gatewaySettings(Path dataDir, int batchSize, String gatewayId) {
        return gatewaySettings(server(), dataDir, batchSize, gatewayId);
    }

    /** As above, uploading to {@code fhirServer} (e.g. a benchmark's second server on the same database). */
    public static GatewaySettings gatewaySettings(FhirServerProcess fhirServer, Path dataDir, int batchSize, String gatewayId) {
        return new GatewaySettings(URI.create(fhirServer.fhirBaseUrl()), URI.create(keycloak().issuer()), "device-gateway",
                GATEWAY_SECRET, dataDir, ZoneId.of("Asia/Tokyo"), batchSize, Duration.ofMillis(200), Duration.ofSeconds(2),
                gatewayId);
    }

    public static TestKeycloak keycloak() {
        return TestKeycloak.instance();
    }
}
