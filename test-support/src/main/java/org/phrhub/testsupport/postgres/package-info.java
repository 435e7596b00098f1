/**
 * This test run's own PostgreSQL database: {@link org.phrhub.testsupport.postgres.TestPostgres#database()}.
 *
 * <p>Where the database comes from, first match wins:
 * <ol>
 *   <li>{@code PHRHUB_TEST_JDBC_URL} (with {@code PHRHUB_TEST_JDBC_USER}, default {@code postgres}, and
 *       {@code PHRHUB_TEST_JDBC_PASSWORD}, default empty): a running server on which each test JVM creates
 *       a database {@code phrhub_test_<timestamp>_<random>} and drops it at exit, unless
 *       {@code PHRHUB_TEST_KEEP_DATABASE=true};</li>
 *   <li>a Docker engine: Testcontainers starts {@code postgres:16-alpine}, or the compatible image
 *       {@code PHRHUB_TEST_POSTGRES_IMAGE} names; {@code PHRHUB_TEST_DOCKER_HOST_NETWORK=true} runs it on the
 *       host's network, for engines without a bridge network;</li>
 *   <li>embedded PostgreSQL binaries, when not running as root ({@code initdb} refuses root).</li>
 * </ol>
 * Otherwise the first call fails with a message saying how to provide one; tests are never skipped silently.
 */
package org.phrhub.testsupport.postgres;
