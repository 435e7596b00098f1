package org.phrhub.fhirserver.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL advisory lock shared by the nodes on one database, held by a session of its own and released by
 * {@link #close()} or when that session ends (also when the node dies).
 */
final class AdvisoryLock implements AutoCloseable {

    /** Checking and migrating the schema: one node at a time, or one sees tables whose history is not written yet. */
    static final long SCHEMA = 0x504852485542L; // "PHRHUB"

    /** A production node's whole start ({@link StartupTurn}). */
    static final long STARTUP = 0x5048524855425FL; // "PHRHUB_"

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

    private final Connection session;
    private final long key;
    private boolean held = true;

    private AdvisoryLock(Connection session, long key) {
        this.session = session;
        this.key = key;
    }

    /** @param waitingFor what the node waits for when another holds it, for the log */
    static AdvisoryLock acquire(DataSource dataSource, long key, String waitingFor) {
        try {
            Connection session = dataSource.getConnection();
            try {
                if (!call(session, "pg_try_advisory_lock", key)) {
                    log.info("Waiting until {}", waitingFor);
                    call(session, "pg_advisory_lock", key);
                }
                return new AdvisoryLock(session, key);
            } catch (SQLException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the database lock of the nodes' start: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!held) {
            return;
        }
        held = false;
        try (session) {
            call(session, "pg_advisory_unlock", key);
        } catch (SQLException e) {
            // Closing the session releases the lock anyway.
            log.warn("Could not release a database lock explicitly ({}); closing its session releases it", e.getMessage());
        }
    }

    /** pg_advisory_lock answers void, the others a boolean: both read as "taken" unless false. */
    private static boolean call(Connection session, String function, long key) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select " + function + "(?)::text")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return !result.next() || !"false".equals(result.getString(1));
            }
        }
    }
}
