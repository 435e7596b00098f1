package org.phrhub.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void databaseOfThisRunAnswersAndIsNamedAsATestDatabase() throws SQLException {
        TestDatabase database = TestPostgres.database();

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1, current_database()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).startsWith(TestDatabaseResolver.DATABASE_NAME_PREFIX);
        }
    }

    @Test
    void everyTestOfTheRunGetsTheSameDatabase() {
        assertThat(TestPostgres.database()).isSameAs(TestPostgres.database());
    }

    @Test
    void passwordStaysOutOfReports() {
        assertThat(new TestDatabase("jdbc:postgresql://db/x", "hub", "s3cret").toString()).doesNotContain("s3cret");
    }
}
