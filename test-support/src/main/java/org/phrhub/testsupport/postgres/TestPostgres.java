package org.phrhub.testsupport.postgres;

import org.phrhub.testsupport.OncePerRun;
import org.testcontainers.DockerClientFactory;

/**
 * The PostgreSQL database of this test JVM, provided once and shared by every test in it.
 * See the package documentation for where it comes from.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    /**
     * This run's database, provided on the first call.
     *
     * @throws IllegalStateException when no PostgreSQL can be provided; the message says how to provide one
     */
    public static TestDatabase database() {
        return Holder.STARTUP.get();
    }

    /**
     * One more empty database on the server of this run's, dropped at exit like it: for tests that need several
     * (a restore target, a database of its own for servers started as processes).
     *
     * @param purpose a few lowercase letters that say what it is for, part of its name
     */
    public static TestDatabase anotherDatabase(String purpose) {
        TestDatabase run = database();
        // Created and dropped through a database that outlives this run's: at exit, this run's is dropped at the
        // same moment as the others, and would take their drops' connections with it.
        String configured = System.getenv().getOrDefault(TestDatabaseResolver.JDBC_URL, "").trim();
        String maintenance = configured.isEmpty() ? ExistingServer.withDatabase(run.jdbcUrl(), "postgres") : configured;
        return new ExistingServer(maintenance, run.username(), run.password())
                .createDatabase(TestDatabaseResolver.newDatabaseName() + "_" + purpose, false);
    }

    /** Initialised on first use only, so tests that never touch the database never start one. */
    private static final class Holder {
        static final OncePerRun<TestDatabase> STARTUP = OncePerRun.attempt(() -> new TestDatabaseResolver(
                System.getenv(),
                System.getProperty("user.name"),
                () -> DockerClientFactory.instance().isDockerAvailable()).resolve());
    }
}
