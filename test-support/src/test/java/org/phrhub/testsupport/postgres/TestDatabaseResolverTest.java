package org.phrhub.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDatabaseResolverTest {

    @Test
    void withNoWayToGetPostgresTheErrorSaysHowToProvideOne() {
        var resolver = new TestDatabaseResolver(Map.of(), "root", () -> false);

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PHRHUB_TEST_JDBC_URL=jdbc:postgresql://host:5432/postgres")
                .hasMessageContaining("Docker")
                .hasMessageContaining("non-root user");
    }

    @Test
    void unreachableServerIsReportedWithTheUrlAndWhatToCheck() {
        var resolver = new TestDatabaseResolver(
                Map.of("PHRHUB_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2"), "root", () -> false);

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/postgres")
                .hasMessageContaining("CREATE DATABASE");
    }

    @Test
    void urlThatIsNotPostgresIsRejectedWithAnExample() {
        var resolver = new TestDatabaseResolver(Map.of("PHRHUB_TEST_JDBC_URL", "jdbc:mysql://db/x"), "root", () -> false);

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jdbc:postgresql://localhost:5432/postgres");
    }

    @Test
    void eachRunGetsItsOwnDatabaseName() {
        String first = TestDatabaseResolver.newDatabaseName();
        String second = TestDatabaseResolver.newDatabaseName();

        assertThat(first).matches("phrhub_test_\\d{14}_[0-9a-f]{6}");
        assertThat(first).isNotEqualTo(second);
    }
}
