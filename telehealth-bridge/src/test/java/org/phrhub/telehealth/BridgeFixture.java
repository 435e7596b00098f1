package org.phrhub.telehealth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.phrhub.testsupport.OncePerRun;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.RealmClients;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole hub for the bridge's tests, once per test JVM: this run's PostgreSQL, Keycloak with the phr-hub
 * realm, the packaged FHIR server with the demo data (hanako, taro, dr.suzuki, ph.ito and today's online
 * appointments) and emergency access (ETREAT) switched on, and the bridge itself on a free port, which
 * Keycloak is told to redirect to.
 */
public final class BridgeFixture {

    static final String CLIENT_ID = "telehealth-bridge";

    private static final class Holder {
        static final OncePerRun<BridgeFixture> HUB = OncePerRun.attempt(BridgeFixture::start);
    }

    private final TestKeycloak keycloak;
    private final FhirServerProcess fhirServer;
    private final ConfigurableApplicationContext bridge;
    private final int port;
    private final Path draftsDir;

    private BridgeFixture(TestKeycloak keycloak, FhirServerProcess fhirServer, ConfigurableApplicationContext bridge, int port,
            Path draftsDir) {
        this.keycloak = keycloak;
        this.fhirServer = fhirServer;
        this.bridge = bridge;
        this.port = port;
        this.draftsDir = draftsDir;
    }

    public static BridgeFixture hub() {
        return Holder.HUB.get();
    }

    private static BridgeFixture start() {
        TestKeycloak keycloak = TestKeycloak.instance();
        FhirServerProcess fhirServer = FhirServerProcess.start(TestPostgres.database(), keycloak.issuer(),
                // Break-the-glass on, as a deployment may choose, so the residents' access log shows emergency reads.
                List.of("--phrhub.demo.seed=true", "--phrhub.consent.break-the-glass=true"));
        int port = freePort();
        RealmClients.allowRedirects(keycloak, CLIENT_ID, "http://localhost:" + port);
        Path drafts;
        try {
            drafts = Files.createTempDirectory(Path.of("target"), "drafts-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigurableApplicationContext bridge = new SpringApplicationBuilder(TelehealthBridgeApplication.class).run(
                "--server.port=" + port,
                "--phrhub.bridge.issuer-uri=" + keycloak.issuer(),
                "--phrhub.bridge.fhir-base-url=" + fhirServer.fhirBaseUrl(),
                "--phrhub.bridge.drafts-dir=" + drafts.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(bridge::close, "phrhub-test-bridge-stop"));
        return new BridgeFixture(keycloak, fhirServer, bridge, port, drafts);
    }

    /** e.g. {@code http://localhost:PORT} */
    public String bridgeUrl() {
        return "http://localhost:" + port;
    }

    public String fhirBaseUrl() {
        return fhirServer.fhirBaseUrl();
    }

    public TestKeycloak keycloak() {
        return keycloak;
    }

    public <T> T bean(Class<T> type) {
        return bridge.getBean(type);
    }

    public Path draftsDir() {
        return draftsDir;
    }

    /** A demo user's access token (password grant of the dev-only hub-cli client), to check what the hub holds. */
    public String tokenOf(String username) {
        return keycloak.tokens().userToken(username);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for the bridge", e);
        }
    }
}
