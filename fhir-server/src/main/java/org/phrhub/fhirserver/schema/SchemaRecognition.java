package org.phrhub.fhirserver.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.entity.HapiMigrationEntity;
import ca.uhn.fhir.jpa.migrate.taskdef.BaseTask;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refuses, before any migration runs, a schema this build did not make and cannot safely upgrade: tables
 * without a migration history (made by Hibernate's {@code update}, i.e. the server without the production
 * profile, or by another tool), and a history with tasks this build does not know (a newer release migrated it).
 * An empty database, or one whose history holds only known tasks, is fine.
 */
final class SchemaRecognition {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    SchemaRecognition(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void requireKnown(SchemaPart part) {
        boolean hasTables = tableExists(part.markerTable());
        List<MigrationVersion> applied = tableExists(part.historyTable()) ? appliedVersions(part) : List.of();
        if (hasTables && applied.isEmpty()) {
            throw new SchemaRefusedException(
                    "The database holds " + part.name() + " tables (" + part.markerTable() + ") but no migration history ("
                            + part.historyTable() + "): its schema was made by Hibernate's update (the server run without "
                            + "the production profile) or by another tool, and the production profile cannot tell which "
                            + "migrations it lacks.",
                    "Start the production profile on an empty database, or on one restored from a backup of a production "
                            + "server; move data from a non-production database by exporting and importing it through the "
                            + "FHIR API.");
        }
        Set<MigrationVersion> known = StreamSupport.stream(part.tasks().spliterator(), false)
                .map(BaseTask::getMigrationVersion)
                .map(MigrationVersion::fromVersion)
                .collect(Collectors.toSet());
        List<MigrationVersion> unknown = applied.stream().filter(version -> !known.contains(version))
                .sorted(Comparator.reverseOrder()).toList();
        if (!unknown.isEmpty()) {
            throw new SchemaRefusedException(
                    "The database's " + part.name() + " schema has " + unknown.size() + " migration(s) this build does not "
                            + "know, the newest " + unknown.getFirst() + " (recorded in " + part.historyTable()
                            + "): a newer release of the server has upgraded it, and this one would misread it.",
                    "Run the release that upgraded it (or newer), or restore the backup taken before the upgrade.");
        }
    }

    /** Tasks recorded as succeeded; HAPI's bookkeeping rows (the table-created record, the lock) have negative ids. */
    private List<MigrationVersion> appliedVersions(SchemaPart part) {
        return new HapiMigrationDao(dataSource, DriverTypeEnum.POSTGRES_9_4, part.historyTable()).findAll().stream()
                .filter(row -> row.getPid() != null && row.getPid() > 0 && Boolean.TRUE.equals(row.getSuccess()))
                .map(HapiMigrationEntity::getVersion)
                .map(MigrationVersion::fromVersion)
                .toList();
    }

    /** In any case: HAPI creates its tables unquoted (lower case in PostgreSQL), its history tables quoted. */
    private boolean tableExists(String table) {
        Integer count = jdbc.queryForObject("select count(*) from information_schema.tables "
                + "where table_schema = current_schema() and lower(table_name) = lower(?)", Integer.class, table);
        return count != null && count > 0;
    }
}
