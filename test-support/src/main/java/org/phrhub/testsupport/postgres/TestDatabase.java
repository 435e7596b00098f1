package org.phrhub.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Connection settings of the database this test run owns.
 *
 * @param jdbcUrl  JDBC URL of the database (not of the server's maintenance database)
 * @param username user that owns the database
 * @param password that user's password, empty when the server trusts the connection
 */
public record TestDatabase(String jdbcUrl, String username, String password) {

    public TestDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Brings the query planner's statistics up to date, as PostgreSQL's autovacuum does within a minute or so
     * of a load on a running database. A benchmark calls it after storing its data, so that it measures the
     * plans a deployment gets rather than those for tables the planner knows nothing about (and a machine may
     * run PostgreSQL with autovacuum off).
     */
    public void analyze() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not analyze " + this + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the password out of test reports and logs. */
    @Override
    public String toString() {
        return "TestDatabase[jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
