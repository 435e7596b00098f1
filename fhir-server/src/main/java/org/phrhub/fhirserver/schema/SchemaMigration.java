package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a part's tasks that its history does not record yet, under HAPI's migration lock. */
final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {}

    static void run(DataSource dataSource, DriverTypeEnum driver, SchemaPart part) {
        HapiMigrator migrator = new HapiMigrator(part.historyTable(), dataSource, driver);
        migrator.createMigrationTableIfRequired();
        migrator.addTasks(part.tasks());
        MigrationResult result = migrator.migrate();
        log.info("{} schema: {}", part.name(), result.summary());
    }
}
