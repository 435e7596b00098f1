package org.phrhub.fhirserver.fhir;

import java.util.Properties;

/** Hibernate settings for HAPI's entity manager, with HAPI's own dialect for the configured database. */
final class HibernateSettings {

    private HibernateSettings() {}

    /** @param ddlAuto what Hibernate does with the schema, as the profile's {@code schema.DatabaseSchema} says */
    static Properties forJdbcUrl(String jdbcUrl, String ddlAuto) {
        Properties properties = new Properties();
        properties.put("hibernate.dialect", dialectFor(jdbcUrl));
        properties.put("hibernate.hbm2ddl.auto", ddlAuto);
        properties.put("hibernate.search.enabled", "false");
        properties.put("hibernate.jdbc.batch_size", "50");
        properties.put("hibernate.order_inserts", "true");
        properties.put("hibernate.order_updates", "true");
        properties.put("hibernate.cache.use_query_cache", "false");
        properties.put("hibernate.cache.use_second_level_cache", "false");
        properties.put("hibernate.cache.use_structured_entries", "false");
        properties.put("hibernate.cache.use_minimal_puts", "false");
        return properties;
    }

    static String dialectFor(String jdbcUrl) {
        if (jdbcUrl == null) {
            throw new IllegalStateException("No database configured: set spring.datasource.url");
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect";
        }
        throw new IllegalStateException("Unsupported database " + jdbcUrl
                + ": PHR Hub runs on PostgreSQL (production, tests) or H2 (local default)");
    }
}
