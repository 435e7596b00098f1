package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import javax.sql.DataSource;

/**
 * The schema without the production profile (the demo on H2, the tests): Hibernate creates and evolves HAPI's
 * tables as the entity manager opens; the hub's own tables come from the hub's migration tasks, as in production.
 */
public final class HibernateUpdatedSchema implements DatabaseSchema {

    public HibernateUpdatedSchema(DataSource dataSource, String jdbcUrl) {
        SchemaMigration.run(dataSource, driverFor(jdbcUrl), SchemaPart.hub());
    }

    @Override
    public String hibernateDdlAuto() {
        return "update";
    }

    private static DriverTypeEnum driverFor(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:") ? DriverTypeEnum.H2_EMBEDDED : DriverTypeEnum.POSTGRES_9_4;
    }
}
