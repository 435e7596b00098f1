package org.phrhub.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL binaries from a Maven artifact, run in a temporary folder. */
final class EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    TestDatabase start(String name) {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getMessage()
                    + ". Set " + TestDatabaseResolver.JDBC_URL + " to use a running server instead.", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "phrhub-test-postgres-stop"));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL started but refused CREATE DATABASE " + name
                    + ": " + e.getMessage(), e);
        }
        return new TestDatabase(postgres.getJdbcUrl("postgres", name), "postgres", "");
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
