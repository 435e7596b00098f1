package org.phrhub.testsupport.postgres;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a throw-away Docker container. */
final class ContainerServer {

    static final DockerImageName IMAGE = DockerImageName.parse("postgres:16-alpine");

    TestDatabase start(String name) {
        var container = new PostgreSQLContainer<>(IMAGE).withDatabaseName(name);
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Docker answers, but PostgreSQL (" + IMAGE + ") did not start in it: "
                    + e.getMessage() + ". Check that Docker can pull the image, or set "
                    + TestDatabaseResolver.JDBC_URL + " to use a running server instead.", e);
        }
        // Testcontainers' reaper removes it too; stopping here frees it as soon as this JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "phrhub-test-postgres-stop"));
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
