package org.phrhub.fhirserver.consent;

import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A value that changes with every write of a PractitionerRole or CareTeam, read from HAPI's resource table:
 * how many there are, their versions summed (an update or delete raises one) and the newest row (a
 * resource created after one was expunged). The consent layer keeps a clinician's affiliations while it
 * stays the same.
 */
final class DirectoryVersion implements Supplier<List<Long>> {

    private static final String QUERY = "select count(*), coalesce(sum(res_ver), 0), coalesce(max(res_id), 0)"
            + " from hfj_resource where res_type in ('PractitionerRole', 'CareTeam')";

    private final JdbcTemplate jdbc;

    DirectoryVersion(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<Long> get() {
        return jdbc.queryForObject(QUERY, (row, number) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3)));
    }
}
