package org.phrhub.testsupport;

import java.util.function.Supplier;

/**
 * The outcome of the one attempt per test JVM to provide a fixture (a database, a Keycloak). A failure
 * is remembered and reported to every caller with its own message, instead of the bare
 * NoClassDefFoundError a failing static initializer would leave for all tests after the first.
 */
public sealed interface OncePerRun<T> {

    record Ready<T>(T fixture) implements OncePerRun<T> {}

    record Failed<T>(RuntimeException cause) implements OncePerRun<T> {}

    static <T> OncePerRun<T> attempt(Supplier<T> start) {
        try {
            return new Ready<>(start.get());
        } catch (RuntimeException e) {
            return new Failed<>(e);
        }
    }

    default T get() {
        return switch (this) {
            case Ready<T> ready -> ready.fixture();
            case Failed<T> failed -> throw new IllegalStateException(failed.cause().getMessage(), failed.cause());
        };
    }
}
