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

    /** Initialised on first use only, so tests that never touch the database never start one. */
    private static final class Holder {
        static final OncePerRun<TestDatabase> STARTUP = OncePerRun.attempt(() -> new TestDatabaseResolver(
                System.getenv(),
                System.getProperty("user.name"),
                () -> DockerClientFactory.instance().isDockerAvailable()).resolve());
    }
}
