package org.phrhub.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers path, used for real. Runs only when named with -Dtest (the ordinary build takes its
 * database from PHRHUB_TEST_JDBC_URL and may have no Docker); {@code ./hub deploy-check} runs it with the
 * local PostgreSQL image. Without a Docker engine it fails: it must not pass on another source.
 */
class ContainerServerDockerTest {

    @Test
    void aContainerDatabaseStoresAndReturnsARow() throws SQLException {
        var server = new ContainerServer(System.getenv());
        requireDocker(server);
        String name = TestDatabaseResolver.newDatabaseName();

        TestDatabase database = server.start(name);

        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE reading (id serial PRIMARY KEY, code text NOT NULL, value numeric NOT NULL)");
            statement.execute("INSERT INTO reading (code, value) VALUES ('8867-4', 72), ('8310-5', 36.6)");
            try (var rows = statement.executeQuery(
                    "SELECT current_database(), string_agg(code || '=' || value, ',' ORDER BY id) FROM reading")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(name);
                assertThat(rows.getString(2)).isEqualTo("8867-4=72,8310-5=36.6");
            }
        }
    }

    private static void requireDocker(ContainerServer server) {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            // Seen when the JVM runs in a container and the engine has no bridge network.
            throw new AssertionError("A Docker engine answers, but Testcontainers cannot use it: " + e.getMessage()
                    + ". Without a bridge network, set TESTCONTAINERS_HOST_OVERRIDE=localhost and "
                    + ContainerServer.HOST_NETWORK + "=true.", e);
        }
        if (!available) {
            fail("No Docker engine answers (DOCKER_HOST=" + System.getenv().getOrDefault("DOCKER_HOST", "unset")
                    + "); this test needs one to start " + server.image() + ".");
        }
    }
}
