package org.phrhub.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL server someone already runs, on which each test run creates and drops its own database. */
final class ExistingServer {

    private static final Logger log = LoggerFactory.getLogger(ExistingServer.class);
    private static final String PREFIX = "jdbc:postgresql:";

    private final String maintenanceUrl;
    private final String username;
    private final String password;

    /**
     * @param maintenanceUrl JDBC URL of a database on the server to connect to for CREATE/DROP DATABASE,
     *                       usually {@code postgres}
     */
    ExistingServer(String maintenanceUrl, String username, String password) {
        if (!maintenanceUrl.startsWith(PREFIX)) {
            throw new IllegalStateException(TestDatabaseResolver.JDBC_URL
                    + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/postgres, but is: "
                    + maintenanceUrl);
        }
        this.maintenanceUrl = maintenanceUrl;
        this.username = username;
        this.password = password;
    }

    TestDatabase createDatabase(String name, boolean keep) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoted(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name + " through "
                    + TestDatabaseResolver.JDBC_URL + "=" + maintenanceUrl + " as user " + username + ": "
                    + e.getMessage() + ". Check that PostgreSQL runs there, that this user may CREATE DATABASE, and "
                    + TestDatabaseResolver.JDBC_USER + " / " + TestDatabaseResolver.JDBC_PASSWORD + ".", e);
        }
        if (keep) {
            log.info("Test database {} will be kept ({}=true); drop it with: DROP DATABASE {} WITH (FORCE);",
                    name, TestDatabaseResolver.KEEP_DATABASE, name);
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "phrhub-test-database-drop"));
        }
        return new TestDatabase(withDatabase(maintenanceUrl, name), username, password);
    }

    private void drop(String name) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // FORCE: connection pools of the code under test may still hold connections while the JVM exits.
            statement.execute("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
            log.info("Dropped test database {}", name);
        } catch (SQLException e) {
            log.warn("Could not drop test database {} ({}); drop it by hand: DROP DATABASE {} WITH (FORCE);",
                    name, e.getMessage(), name);
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return DriverManager.getConnection(maintenanceUrl, properties);
    }

    /** The same server, port and parameters as {@code url}, with the database replaced. */
    static String withDatabase(String url, String database) {
        String rest = url.substring(PREFIX.length());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
        if (!location.startsWith("//")) {
            return PREFIX + database + query;
        }
        int pathStart = location.indexOf('/', 2);
        String hosts = pathStart < 0 ? location.substring(2) : location.substring(2, pathStart);
        return PREFIX + "//" + hosts + "/" + database + query;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
