package org.phrhub.fhirserver.consent;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.phrhub.consent.hapi.RecordVersions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consent layer's record versions, read from HAPI's tables, which HAPI changes in the transaction that
 * writes the resource.
 */
final class StoredRecordVersions implements RecordVersions {

    /**
     * How many PractitionerRoles and CareTeams there are, deleted ones included, their versions summed (every
     * write raises one) and the newest row (a resource created after one was expunged).
     */
    private static final String DIRECTORY = "select count(*), coalesce(sum(res_ver), 0), coalesce(max(res_id), 0)"
            + " from hfj_resource where res_type in ('PractitionerRole', 'CareTeam')";

    /**
     * The Consents naming each patient, through the index of Consent.patient, with their versions. A delete or
     * an update that moves a Consent to another patient takes its row out, so a sum could come back to an
     * earlier value; the Consents and versions themselves cannot: a resource's version only grows.
     */
    private static final String CONSENTS = "select p.fhir_id, c.res_id, c.res_ver"
            + " from hfj_resource p"
            + " join hfj_res_link l on l.target_resource_id = p.res_id and l.src_path = 'Consent.patient'"
            + " join hfj_resource c on c.res_id = l.src_resource_id"
            + " where p.res_type = 'Patient' and p.fhir_id in (%s)";

    private static final String PATIENT = "Patient/";

    /** Well below the number of parameters one statement may bind. */
    private static final int MOST_PER_QUERY = 1_000;

    private final JdbcTemplate jdbc;

    StoredRecordVersions(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<Long> directory() {
        return jdbc.queryForObject(DIRECTORY, (row, number) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3)));
    }

    @Override
    public Map<String, Set<List<Long>>> consentsOf(Collection<String> patients) {
        List<String> ids = patients.stream().filter(p -> p.startsWith(PATIENT)).map(p -> p.substring(PATIENT.length()))
                .distinct().toList();
        Map<String, Set<List<Long>>> versions = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MOST_PER_QUERY) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + MOST_PER_QUERY));
            String query = CONSENTS.formatted(some.stream().map(id -> "?").collect(Collectors.joining(", ")));
            jdbc.query(query, row -> {
                versions.computeIfAbsent(PATIENT + row.getString(1), p -> new HashSet<>())
                        .add(List.of(row.getLong(2), row.getLong(3)));
            }, some.toArray());
        }
        return versions;
    }
}
