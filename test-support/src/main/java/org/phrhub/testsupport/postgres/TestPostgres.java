package org.phrhub.testsupport.postgres;

import java.util.function.Supplier;
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
        return Holder.STARTUP.database();
    }

    /** Initialised on first use only, so tests that never touch the database never start one. */
    private static final class Holder {
        static final Startup STARTUP = Startup.attempt(() -> new TestDatabaseResolver(
                System.getenv(),
                System.getProperty("user.name"),
                () -> DockerClientFactory.instance().isDockerAvailable()).resolve());
    }

    /**
     * Outcome of the one attempt per JVM. A failure is remembered and reported to every caller with its
     * own message, instead of the bare NoClassDefFoundError a failing static initializer would leave.
     */
    private sealed interface Startup {

        record Ready(TestDatabase database) implements Startup {
        }

        record Failed(RuntimeException cause) implements Startup {
        }

        static Startup attempt(Supplier<TestDatabase> start) {
            try {
                return new Ready(start.get());
            } catch (RuntimeException e) {
                return new Failed(e);
            }
        }

        default TestDatabase database() {
            return switch (this) {
                case Ready ready -> ready.database();
                case Failed failed -> throw new IllegalStateException(failed.cause().getMessage(), failed.cause());
            };
        }
    }
}
