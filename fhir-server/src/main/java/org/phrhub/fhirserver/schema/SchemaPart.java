package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;

/**
 * Tables migrated together, with the history table that records which of their tasks ran.
 *
 * @param name         what an operator calls it in a message
 * @param historyTable where the migrator records applied tasks
 * @param markerTable  a table every schema of this part has; present without a history, the schema is not ours
 * @param tasks        every task this build knows, oldest first
 */
record SchemaPart(String name, String historyTable, String markerTable, MigrationTaskList tasks) {

    /** HAPI FHIR's tables, with HAPI's own tasks and history table (as its command-line migrator uses). */
    static SchemaPart hapiFhir() {
        return new SchemaPart("HAPI FHIR", SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, "hfj_resource",
                new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
    }

    /** The hub's own tables. */
    static SchemaPart hub() {
        return new SchemaPart("PHR Hub", HubMigrationTasks.HISTORY_TABLE, HubMigrationTasks.MARKER_TABLE,
                HubMigrationTasks.all());
    }
}
