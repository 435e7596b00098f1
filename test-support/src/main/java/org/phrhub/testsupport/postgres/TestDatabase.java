package org.phrhub.testsupport.postgres;

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

    /** Keeps the password out of test reports and logs. */
    @Override
    public String toString() {
        return "TestDatabase[jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
