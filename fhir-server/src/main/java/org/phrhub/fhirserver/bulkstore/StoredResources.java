package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.jpa.model.dao.JpaPid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which resources HAPI's tables hold, asked for many at once where HAPI asks once per resource: the keys of
 * stored resources that new resources refer to (their patient, hospital, doctor), and which ids were ever
 * stored at all.
 */
final class StoredResources {

    /** References per query: well below what any database takes as parameters of one statement. */
    private static final int PER_QUERY = 500;

    private StoredResources() {}

    /**
     * The current (not deleted) ones of these resources, by reference. Deleted ones are left out: HAPI refuses a
     * reference to one, in its own words, when it looks for what this lookup did not find.
     *
     * @param references {@code Type/id}, versionless
     */
    static Map<String, JpaPid> current(Connection connection, Collection<String> references) throws SQLException {
        return find(connection, references, true);
    }

    /** Those of these resources that were ever stored, deleted ones too: {@code Type/id}, versionless. */
    static java.util.Set<String> everStored(Connection connection, Collection<String> references) throws SQLException {
        return find(connection, references, false).keySet();
    }

    private static Map<String, JpaPid> find(Connection connection, Collection<String> references, boolean currentOnly)
            throws SQLException {
        Map<String, List<String>> typesById = new HashMap<>();
        for (String reference : references) {
            int slash = reference.indexOf('/');
            typesById.computeIfAbsent(reference.substring(slash + 1), id -> new ArrayList<>()).add(reference.substring(0, slash));
        }
        List<String> ids = new ArrayList<>(typesById.keySet());
        Map<String, JpaPid> stored = new HashMap<>();
        for (int start = 0; start < ids.size(); start += PER_QUERY) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + PER_QUERY));
            String sql = "select res_id, partition_id, res_type, fhir_id from hfj_resource where "
                    + (currentOnly ? "res_deleted_at is null and " : "") + "fhir_id in ("
                    + chunk.stream().map(id -> "?").collect(Collectors.joining(",")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String type = rows.getString(3);
                        String id = rows.getString(4);
                        if (typesById.getOrDefault(id, List.of()).contains(type)) {
                            JpaPid pid = JpaPid.fromId(rows.getLong(1), (Integer) rows.getObject(2));
                            pid.setResourceType(type);
                            stored.put(type + "/" + id, pid);
                        }
                    }
                }
            }
        }
        return stored;
    }
}
