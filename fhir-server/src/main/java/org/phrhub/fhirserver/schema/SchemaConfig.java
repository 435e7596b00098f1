package org.phrhub.fhirserver.schema;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Who makes the database's schema: HAPI's migrator in the {@code production} profile, Hibernate otherwise. */
@Configuration
public class SchemaConfig {

    public static final String PRODUCTION_PROFILE = "production";

    @Bean(destroyMethod = "close")
    @Profile(PRODUCTION_PROFILE)
    public StartupTurn startupTurn(DataSource dataSource, DataSourceProperties properties) {
        MigratedSchema.requirePostgresql(properties.determineUrl()); // before the first statement PostgreSQL alone knows
        return StartupTurn.take(dataSource);
    }

    /** Prepared in this node's start-up turn (a parameter, so Spring takes the turn first). */
    @Bean
    @Profile(PRODUCTION_PROFILE)
    public DatabaseSchema migratedSchema(StartupTurn turn, DataSource dataSource, DataSourceProperties properties) {
        return new MigratedSchema(dataSource, properties.determineUrl());
    }

    @Bean
    @Profile("!" + PRODUCTION_PROFILE)
    public DatabaseSchema hibernateUpdatedSchema(DataSource dataSource, DataSourceProperties properties) {
        return new HibernateUpdatedSchema(dataSource, properties.determineUrl());
    }
}
