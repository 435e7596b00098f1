package org.phrhub.fhirserver.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.postgresql.jdbc.PgConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every connection of the server's pool plans queries for their values (see {@link CustomQueryPlans}) and sends
 * batched inserts as multi-row inserts ({@link BatchedInserts}).
 */
class CustomQueryPlansTest extends FhirServerIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void theServersConnectionsPlanEachQueryForItsValues() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void theServersConnectionsSendBatchedInsertsAsMultiRowInserts() throws SQLException {
        for (int i = 0; i < 3; i++) {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.unwrap(PgConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
            }
        }
    }
}
