package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import java.util.List;
import javax.sql.DataSource;

/**
 * The production profile's schema: PostgreSQL only, created and upgraded at start-up by HAPI's own migrator
 * (HAPI's tasks, then the hub's, each with its history table), after refusing a schema this build does not know.
 * Several nodes may prepare it at once: they take turns ({@link AdvisoryLock#SCHEMA}); the first migrates, the
 * others find nothing left to do. Hibernate only validates what the migrator made.
 */
public final class MigratedSchema implements DatabaseSchema {

    public MigratedSchema(DataSource dataSource, String jdbcUrl) {
        requirePostgresql(jdbcUrl);
        List<SchemaPart> parts = List.of(SchemaPart.hapiFhir(), SchemaPart.hub());
        try (AdvisoryLock lock = AdvisoryLock.acquire(dataSource, AdvisoryLock.SCHEMA,
                "another node has checked and migrated the schema")) {
            SchemaRecognition recognition = new SchemaRecognition(dataSource);
            parts.forEach(recognition::requireKnown); // all of them before the first migration writes anything
            parts.forEach(part -> SchemaMigration.run(dataSource, DriverTypeEnum.POSTGRES_9_4, part));
        }
    }

    @Override
    public String hibernateDdlAuto() {
        return "validate";
    }

    static void requirePostgresql(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new SchemaRefusedException(
                    "The production profile runs on PostgreSQL only, but spring.datasource.url is "
                            + (jdbcUrl == null ? "not set" : jdbcUrl) + ".",
                    "Set spring.datasource.url=jdbc:postgresql://HOST:5432/DATABASE (with spring.datasource.username "
                            + "and password); the embedded H2 database is for running locally without the production "
                            + "profile.");
        }
    }
}
