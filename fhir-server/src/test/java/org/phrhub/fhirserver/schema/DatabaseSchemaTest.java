package org.phrhub.fhirserver.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The schema with and without the production profile, on real databases of its own: what each makes, and what
 * the production profile refuses.
 */
class DatabaseSchemaTest {

    @Test
    void anEmptyDatabaseGetsHapisAndTheHubsTablesAndASecondStartChangesNothing() {
        TestDatabase database = TestPostgres.anotherDatabase("empty");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));

        MigratedSchema schema = new MigratedSchema(dataSource(database), database.jdbcUrl());

        assertThat(schema.hibernateDdlAuto()).isEqualTo("validate");
        assertThat(tableExists(jdbc, "hfj_resource")).isTrue();
        assertThat(tableExists(jdbc, "phrhub_identity_candidate")).isTrue();
        int hapiHistory = rows(jdbc, "\"FLY_HFJ_MIGRATION\"");
        int hubHistory = rows(jdbc, "\"PHRHUB_MIGRATION\"");
        assertThat(hapiHistory).isGreaterThan(700);
        assertThat(hubHistory).isGreaterThanOrEqualTo(1);

        new MigratedSchema(dataSource(database), database.jdbcUrl());
        assertThat(rows(jdbc, "\"FLY_HFJ_MIGRATION\"")).isEqualTo(hapiHistory);
        assertThat(rows(jdbc, "\"PHRHUB_MIGRATION\"")).isEqualTo(hubHistory);
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseTakeTurnsAndBothStart() throws Exception {
        TestDatabase database = TestPostgres.anotherDatabase("together");
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigratedSchema>> starts = nodes.invokeAll(List.of(
                    () -> new MigratedSchema(dataSource(database), database.jdbcUrl()),
                    () -> new MigratedSchema(dataSource(database), database.jdbcUrl())));
            for (Future<MigratedSchema> start : starts) {
                assertThat(start.get()).as("neither refuses the tables the other is making").isNotNull();
            }
        } finally {
            nodes.shutdownNow();
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
        assertThat(jdbc.queryForObject("select count(*) from \"FLY_HFJ_MIGRATION\" where installed_rank > 0 "
                + "group by version order by count(*) desc limit 1", Integer.class)).as("each task ran once").isEqualTo(1);
    }

    @Test
    void refusesHapiTablesWithoutAMigrationHistory() {
        TestDatabase database = TestPostgres.anotherDatabase("nohistory");
        new MigratedSchema(dataSource(database), database.jdbcUrl());
        // What a database made by Hibernate's update looks like to the migrator: the tables, no history.
        new JdbcTemplate(dataSource(database)).execute("DROP TABLE \"FLY_HFJ_MIGRATION\"");

        assertThatThrownBy(() -> new MigratedSchema(dataSource(database), database.jdbcUrl()))
                .isInstanceOf(SchemaRefusedException.class)
                .hasMessageContaining("HAPI FHIR tables (hfj_resource) but no migration history (FLY_HFJ_MIGRATION)")
                .hasMessageContaining("Start the production profile on an empty database");
        assertThat(tableExists(new JdbcTemplate(dataSource(database)), "FLY_HFJ_MIGRATION"))
                .as("refused before the migrator touched anything").isFalse();
    }

    @Test
    void refusesTheHubsTableWithoutItsMigrationHistory() {
        TestDatabase database = TestPostgres.anotherDatabase("nohubhistory");
        new MigratedSchema(dataSource(database), database.jdbcUrl());
        new JdbcTemplate(dataSource(database)).execute("DROP TABLE \"PHRHUB_MIGRATION\"");

        assertThatThrownBy(() -> new MigratedSchema(dataSource(database), database.jdbcUrl()))
                .isInstanceOf(SchemaRefusedException.class)
                .hasMessageContaining("PHR Hub tables (phrhub_identity_candidate) but no migration history (PHRHUB_MIGRATION)");
    }

    @Test
    void refusesADatabaseThatANewerReleaseMigrated() {
        TestDatabase database = TestPostgres.anotherDatabase("newer");
        new MigratedSchema(dataSource(database), database.jdbcUrl());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
        jdbc.update("INSERT INTO \"FLY_HFJ_MIGRATION\" (installed_rank, version, description, type, script, installed_by, "
                + "installed_on, execution_time, success) SELECT max(installed_rank) + 1, '99.0.0.20990101.1', "
                + "'a task of a newer release', 'JDBC', 'HAPI FHIR', 'a newer server', now(), 1, true FROM \"FLY_HFJ_MIGRATION\"");

        assertThatThrownBy(() -> new MigratedSchema(dataSource(database), database.jdbcUrl()))
                .isInstanceOf(SchemaRefusedException.class)
                .hasMessageContaining("1 migration(s) this build does not know, the newest 99.0.0.20990101.1")
                .hasMessageContaining("Run the release that upgraded it");
    }

    @Test
    void refusesH2() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:production-refused", "sa", "");

        assertThatThrownBy(() -> new MigratedSchema(h2, "jdbc:h2:mem:production-refused"))
                .isInstanceOf(SchemaRefusedException.class)
                .hasMessageContaining("The production profile runs on PostgreSQL only")
                .hasMessageContaining("Set spring.datasource.url=jdbc:postgresql://");
    }

    @Test
    void withoutTheProfileTheHubsTableComesFromItsMigrationAlsoWhereItExistedBefore() {
        TestDatabase database = TestPostgres.anotherDatabase("default");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
        // Databases of the demo and earlier test runs made the table before it had a migration.
        jdbc.execute("CREATE TABLE phrhub_identity_candidate (institution_code VARCHAR(10) NOT NULL, "
                + "patient_number VARCHAR(64) NOT NULL, kana_name VARCHAR(200), kanji_name VARCHAR(200), "
                + "birth_date VARCHAR(10), gender VARCHAR(16), last_file VARCHAR(500) NOT NULL, last_seen TIMESTAMP NOT NULL, "
                + "PRIMARY KEY (institution_code, patient_number))");

        HibernateUpdatedSchema schema = new HibernateUpdatedSchema(dataSource(database), database.jdbcUrl());

        assertThat(schema.hibernateDdlAuto()).isEqualTo("update");
        assertThat(rows(jdbc, "\"PHRHUB_MIGRATION\"")).isGreaterThanOrEqualTo(1);
        assertThat(tableExists(jdbc, "hfj_resource")).as("HAPI's tables are Hibernate's to make here").isFalse();
    }

    @Test
    void withoutTheProfileTheDemosH2GetsTheHubsTableToo() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1", "sa", "");

        new HibernateUpdatedSchema(h2, "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
        new HibernateUpdatedSchema(h2, "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");

        JdbcTemplate jdbc = new JdbcTemplate(h2);
        assertThat(rows(jdbc, "phrhub_identity_candidate")).isZero();
        assertThat(rows(jdbc, "\"PHRHUB_MIGRATION\"")).as("applied once, recorded once (and the table-created row)")
                .isEqualTo(rows(jdbc, "\"PHRHUB_MIGRATION\" where \"installed_rank\" <= 0") + 1);
    }

    private static DataSource dataSource(TestDatabase database) {
        return new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    }

    private static boolean tableExists(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from information_schema.tables where table_schema = current_schema() "
                + "and lower(table_name) = lower(?)", Integer.class, table) > 0;
    }

    private static int rows(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
