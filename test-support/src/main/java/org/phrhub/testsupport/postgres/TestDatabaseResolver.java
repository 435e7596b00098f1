package org.phrhub.testsupport.postgres;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where this run's database comes from and provides it. */
final class TestDatabaseResolver {

    static final String JDBC_URL = "PHRHUB_TEST_JDBC_URL";
    static final String JDBC_USER = "PHRHUB_TEST_JDBC_USER";
    static final String JDBC_PASSWORD = "PHRHUB_TEST_JDBC_PASSWORD";
    static final String KEEP_DATABASE = "PHRHUB_TEST_KEEP_DATABASE";
    static final String DATABASE_NAME_PREFIX = "phrhub_test_";

    private static final Logger log = LoggerFactory.getLogger(TestDatabaseResolver.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Map<String, String> env;
    private final String userName;
    private final BooleanSupplier dockerAvailable;

    /**
     * @param env             environment variables to read the PHRHUB_TEST_JDBC_* settings from
     * @param userName        operating-system user running the tests
     * @param dockerAvailable whether a Docker engine answers; asked only when no server is configured
     */
    TestDatabaseResolver(Map<String, String> env, String userName, BooleanSupplier dockerAvailable) {
        this.env = env;
        this.userName = userName;
        this.dockerAvailable = dockerAvailable;
    }

    TestDatabase resolve() {
        String name = newDatabaseName();
        String url = env.getOrDefault(JDBC_URL, "").trim();
        if (!url.isEmpty()) {
            var server = new ExistingServer(url, env.getOrDefault(JDBC_USER, "postgres"), env.getOrDefault(JDBC_PASSWORD, ""));
            log.info("Test database: creating {} on the server of {}={}", name, JDBC_URL, url);
            return server.createDatabase(name, Boolean.parseBoolean(env.getOrDefault(KEEP_DATABASE, "false").trim()));
        }
        if (dockerAvailable.getAsBoolean()) {
            var server = new ContainerServer(env);
            log.info("Test database: {} not set, Docker available: starting {} with Testcontainers", JDBC_URL, server.image());
            return server.start(name);
        }
        if (!"root".equals(userName)) {
            log.info("Test database: {} not set, no Docker: starting embedded PostgreSQL", JDBC_URL);
            return new EmbeddedServer().start(name);
        }
        throw new IllegalStateException("""
                No PostgreSQL for the tests: %s is not set, no Docker engine answers, and embedded PostgreSQL \
                cannot run as root (initdb refuses it). Provide one of:
                  1. a running server: set %s=jdbc:postgresql://host:5432/postgres \
                (and %s / %s when the user is not 'postgres' with an empty password); \
                each test run creates its own database there and drops it afterwards;
                  2. a running Docker engine (Testcontainers starts %s, or the image %s names);
                  3. run the build as a non-root user (embedded PostgreSQL)."""
                .formatted(JDBC_URL, JDBC_URL, JDBC_USER, JDBC_PASSWORD, ContainerServer.DEFAULT_IMAGE, ContainerServer.IMAGE));
    }

    static String newDatabaseName() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return DATABASE_NAME_PREFIX + ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP)
                + "_" + HexFormat.of().formatHex(random);
    }
}
