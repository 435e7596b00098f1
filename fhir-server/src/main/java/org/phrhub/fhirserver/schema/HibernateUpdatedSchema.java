package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import javax.sql.DataSource;

/**
 * The schema without the production profile (the demo on H2, the tests): Hibernate creates and evolves HAPI's
 * tables as the entity manager opens; the hub's own tables come from the hub's migration tasks, as in production.
 */
public final class HibernateUpdatedSchema implements DatabaseSchema {

    public HibernateUpdatedSchema(DataSource dataSource, String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            // One process owns an H2 file; nobody to take turns with.
            SchemaMigration.run(dataSource, DriverTypeEnum.H2_EMBEDDED, SchemaPart.hub());
        } else {
            try (AdvisoryLock lock = AdvisoryLock.acquire(dataSource, AdvisoryLock.SCHEMA,
                    "another server has migrated the hub's tables")) {
                SchemaMigration.run(dataSource, DriverTypeEnum.POSTGRES_9_4, SchemaPart.hub());
            }
        }
    }

    @Override
    public String hibernateDdlAuto() {
        return "update";
    }
}
