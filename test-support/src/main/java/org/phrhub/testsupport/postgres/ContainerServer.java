package org.phrhub.testsupport.postgres;

import java.util.Map;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a throw-away Docker container. */
final class ContainerServer {

    static final String IMAGE = "PHRHUB_TEST_POSTGRES_IMAGE";
    static final String HOST_NETWORK = "PHRHUB_TEST_DOCKER_HOST_NETWORK";
    static final String DEFAULT_IMAGE = "postgres:16-alpine";

    private final DockerImageName image;
    private final boolean hostNetwork;

    /** @param env environment to read {@value #IMAGE} and {@value #HOST_NETWORK} from */
    ContainerServer(Map<String, String> env) {
        String name = env.getOrDefault(IMAGE, "").trim();
        // Another image (a mirror, a local build) must behave like the official one: initdb from
        // POSTGRES_* variables, the same readiness lines in its log.
        this.image = DockerImageName.parse(name.isEmpty() ? DEFAULT_IMAGE : name).asCompatibleSubstituteFor("postgres");
        this.hostNetwork = Boolean.parseBoolean(env.getOrDefault(HOST_NETWORK, "false").trim());
    }

    DockerImageName image() {
        return image;
    }

    TestDatabase start(String name) {
        PostgreSQLContainer<?> container = hostNetwork ? new HostNetworkPostgres(image) : new PostgreSQLContainer<>(image);
        container.withDatabaseName(name);
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Docker answers, but PostgreSQL (" + image + ") did not start in it"
                    + (hostNetwork ? " on the host's network" : "") + ": " + e.getMessage()
                    + ". Check that the image exists or Docker can pull it (" + IMAGE + " names another), "
                    + (hostNetwork ? "" : "set " + HOST_NETWORK + "=true when the engine has no bridge network, ")
                    + "or set " + TestDatabaseResolver.JDBC_URL + " to use a running server instead.", e);
        }
        // Testcontainers' reaper removes it too, unless disabled (TESTCONTAINERS_RYUK_DISABLED, where no
        // registry serves its image); stopping here frees it as soon as this JVM ends either way.
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "phrhub-test-postgres-stop"));
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
