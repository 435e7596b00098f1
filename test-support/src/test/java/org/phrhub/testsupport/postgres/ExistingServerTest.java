package org.phrhub.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExistingServerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://127.0.0.1:5432/postgres | jdbc:postgresql://127.0.0.1:5432/run1",
            "jdbc:postgresql://db.example:6543/postgres?sslmode=require&ApplicationName=x | jdbc:postgresql://db.example:6543/run1?sslmode=require&ApplicationName=x",
            "jdbc:postgresql://localhost/ | jdbc:postgresql://localhost/run1",
            "jdbc:postgresql://localhost | jdbc:postgresql://localhost/run1",
            "jdbc:postgresql://h1:5432,h2:5433/postgres?targetServerType=primary | jdbc:postgresql://h1:5432,h2:5433/run1?targetServerType=primary",
            "jdbc:postgresql:postgres | jdbc:postgresql:run1",
    })
    void runDatabaseIsOnTheSameServerWithTheSameParameters(String serverUrl, String runUrl) {
        assertThat(ExistingServer.withDatabase(serverUrl, "run1")).isEqualTo(runUrl);
    }
}
