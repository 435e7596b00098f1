package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.taskdef.ExecuteRawSqlTask;

/**
 * The hub's own tables (beside HAPI's), as migration tasks with a history table of their own. A change to a hub
 * table is a new task appended here, never an edit of an applied one: databases that ran it keep its version.
 * Versions follow HAPI's pattern: the hub's release, then {@code yyyymmdd.n}.
 */
final class HubMigrationTasks {

    static final String HISTORY_TABLE = "PHRHUB_MIGRATION";

    /** The first table created below; its presence without a history means the schema came from elsewhere. */
    static final String MARKER_TABLE = "phrhub_identity_candidate";

    private HubMigrationTasks() {}

    static MigrationTaskList all() {
        MigrationTaskList tasks = new MigrationTaskList();
        // IF NOT EXISTS: databases from before this history (the demo's, the tests') already have the table.
        tasks.add(new ExecuteRawSqlTask("0.1.0", "20261201.1")
                .addSql("""
                        CREATE TABLE IF NOT EXISTS phrhub_identity_candidate (
                          institution_code VARCHAR(10) NOT NULL,
                          patient_number VARCHAR(64) NOT NULL,
                          kana_name VARCHAR(200),
                          kanji_name VARCHAR(200),
                          birth_date VARCHAR(10),
                          gender VARCHAR(16),
                          last_file VARCHAR(500) NOT NULL,
                          last_seen TIMESTAMP NOT NULL,
                          PRIMARY KEY (institution_code, patient_number))""")
                .setDescription("Hospital patients held for identity review (identity.IdentityReviewList)"));
        return tasks;
    }
}
