package org.phrhub.testsupport.keycloak;

import org.phrhub.testsupport.OncePerRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak with the {@code phr-hub} realm, once per test JVM: either started here from the distribution the
 * build downloads, or the running one named by {@code PHRHUB_TEST_KEYCLOAK_URL}. See the package documentation.
 */
public final class TestKeycloak {

    public static final String URL_VARIABLE = "PHRHUB_TEST_KEYCLOAK_URL";
    public static final String ADMIN_USERNAME_VARIABLE = "PHRHUB_TEST_KEYCLOAK_ADMIN_USERNAME";
    public static final String ADMIN_PASSWORD_VARIABLE = "PHRHUB_TEST_KEYCLOAK_ADMIN_PASSWORD";
    public static final String REALM = "phr-hub";

    static final String REALM_RESOURCE = "/keycloak/phr-hub-realm.json";

    private static final Logger log = LoggerFactory.getLogger(TestKeycloak.class);

    private final String baseUrl;
    /** Empty for a Keycloak the tests did not start and whose admin password was not given. */
    private final Optional<AdminCredentials> admin;
    private final TokenEndpoint endpoint;
    private final HubTokens tokens;

    private TestKeycloak(String baseUrl, Optional<AdminCredentials> admin) {
        this.baseUrl = TokenEndpoint.stripTrailingSlash(baseUrl);
        this.admin = admin;
        this.endpoint = new TokenEndpoint();
        this.tokens = new HubTokens(this.baseUrl, REALM);
    }

    /**
     * The Keycloak of this JVM, started on the first call (about half a minute; the very first start on a
     * machine also unpacks and builds the distribution) and stopped when the JVM exits.
     *
     * @throws IllegalStateException when Keycloak cannot be started or reached; the message says why and what to do
     */
    public static TestKeycloak instance() {
        return Holder.STARTUP.get();
    }

    /** e.g. {@code http://localhost:PORT}, always with the host name tokens name in their issuer. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The {@code iss} of the realm's tokens, which a server validating them expects. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    public String realm() {
        return REALM;
    }

    public HubTokens tokens() {
        return tokens;
    }

    /** A token for Keycloak's admin REST API ({@code /admin/realms/...}) of the bootstrap admin. */
    public String adminAccessToken() {
        AdminCredentials credentials = admin.orElseThrow(() -> new IllegalStateException(
                "This test uses Keycloak's admin API, but the Keycloak at " + URL_VARIABLE + "=" + baseUrl
                        + " was not started by the tests, so its admin password is unknown. Set " + ADMIN_PASSWORD_VARIABLE
                        + " (and " + ADMIN_USERNAME_VARIABLE + " when the admin is not '" + KeycloakProcess.ADMIN_USERNAME
                        + "')."));
        return endpoint.passwordToken(baseUrl, "master", "admin-cli", credentials.username(), credentials.password());
    }

    record AdminCredentials(String username, String password) {

        @Override
        public String toString() {
            return "AdminCredentials[username=" + username + ", password=****]";
        }
    }

    private static TestKeycloak connectOrStart() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String external = System.getenv().getOrDefault(URL_VARIABLE, "").trim();
        if (!external.isEmpty()) {
            return connect(TokenEndpoint.stripTrailingSlash(external), http);
        }
        KeycloakProcess process = KeycloakProcess.start(KeycloakDistribution.fromBuild(), REALM, realmDefinition(), http);
        return new TestKeycloak(process.baseUrl(),
                Optional.of(new AdminCredentials(KeycloakProcess.ADMIN_USERNAME, process.adminPassword())));
    }

    private static TestKeycloak connect(String baseUrl, HttpClient http) {
        URI discovery = URI.create(baseUrl + "/realms/" + REALM + "/.well-known/openid-configuration");
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(URL_VARIABLE + "=" + baseUrl + " does not answer (" + e
                    + "). Start that Keycloak, or unset " + URL_VARIABLE + " to let the tests start their own.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reaching Keycloak at " + baseUrl, e);
        }
        if (status != 200) {
            throw new IllegalStateException("The Keycloak at " + URL_VARIABLE + "=" + baseUrl + " has no realm " + REALM
                    + " (HTTP " + status + " from " + discovery + "). Import docker/keycloak/phr-hub-realm.json into it, "
                    + "or unset " + URL_VARIABLE + " to let the tests start their own.");
        }
        log.info("Using the running Keycloak at {} ({})", baseUrl, URL_VARIABLE);
        String password = System.getenv().getOrDefault(ADMIN_PASSWORD_VARIABLE, "");
        Optional<AdminCredentials> admin = password.isEmpty()
                ? Optional.empty()
                : Optional.of(new AdminCredentials(
                        System.getenv().getOrDefault(ADMIN_USERNAME_VARIABLE, KeycloakProcess.ADMIN_USERNAME), password));
        return new TestKeycloak(baseUrl, admin);
    }

    /** The realm file from docker/keycloak, packaged into this module by its build. */
    private static byte[] realmDefinition() {
        try (InputStream in = TestKeycloak.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + REALM_RESOURCE + " is missing from test-support; "
                        + "build it with Maven, which copies docker/keycloak/phr-hub-realm.json into it.");
            }
            byte[] json = in.readAllBytes();
            new ObjectMapper().readTree(json); // a broken realm file fails here, not as a Keycloak start timeout
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the realm definition " + REALM_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Initialised on first use only, so tests that never touch Keycloak never start it. */
    private static final class Holder {
        static final OncePerRun<TestKeycloak> STARTUP = OncePerRun.attempt(TestKeycloak::connectOrStart);
    }
}
