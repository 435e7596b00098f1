package org.phrhub.fhirserver.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node at a time checks and migrates the schema: a PostgreSQL advisory lock, held by a session of its own
 * for the whole step and released when it ends (also when the node dies). HAPI's migrator locks only around its
 * tasks; a node checking meanwhile would see tables whose history is not written yet, and refuse them.
 */
final class SchemaLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaLock.class);

    /** Any number no other user of the database locks with; this one spells "PHRHUB". */
    private static final long KEY = 0x504852485542L;

    private final Connection session;

    private SchemaLock(Connection session) {
        this.session = session;
    }

    static SchemaLock acquire(DataSource dataSource) {
        try {
            Connection session = dataSource.getConnection();
            try {
                if (!lock(session, "pg_try_advisory_lock")) {
                    log.info("Another node is checking or migrating the schema; waiting until it is done");
                    lock(session, "pg_advisory_lock");
                }
                return new SchemaLock(session);
            } catch (SQLException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the schema lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (session) {
            lock(session, "pg_advisory_unlock");
        } catch (SQLException e) {
            // Closing the session releases the lock anyway.
            log.warn("Could not release the schema lock explicitly ({}); closing its session releases it", e.getMessage());
        }
    }

    /** pg_advisory_lock answers void, the others a boolean: both read as "taken" unless false. */
    private static boolean lock(Connection session, String function) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select " + function + "(?)::text")) {
            statement.setLong(1, KEY);
            try (ResultSet result = statement.executeQuery()) {
                return !result.next() || !"false".equals(result.getString(1));
            }
        }
    }
}
