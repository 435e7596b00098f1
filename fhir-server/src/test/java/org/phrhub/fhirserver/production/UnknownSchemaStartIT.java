package org.phrhub.fhirserver.production;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What an operator sees who points the production profile at a database it did not make: no start, and why. */
class UnknownSchemaStartIT {

    @Test
    void theServerRefusesToStartOnHapiTablesWithoutAMigrationHistoryAndSaysWhatToDo() {
        TestDatabase database = TestPostgres.anotherDatabase("unknown");
        // A HAPI table as Hibernate's update leaves it, without the migrator's history.
        new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()))
                .execute("CREATE TABLE hfj_resource (res_id BIGINT PRIMARY KEY)");

        assertThatThrownBy(() -> ProductionServers.start(database).close())
                .hasMessageContaining("exited with code 1 before it was ready")
                .hasMessageContaining("APPLICATION FAILED TO START")
                .hasMessageContaining("but no migration history (FLY_HFJ_MIGRATION)")
                .hasMessageContaining("Action:")
                .hasMessageContaining("Start the production profile on an empty database");
    }
}
