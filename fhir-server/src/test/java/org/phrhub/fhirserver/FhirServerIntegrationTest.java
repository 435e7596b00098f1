package org.phrhub.fhirserver;

import org.junit.jupiter.api.BeforeEach;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on this run's PostgreSQL database, trusting this run's Keycloak, with the demo
 * resources seeded. All subclasses share one application context (same configuration), so the server
 * starts once per test run.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "phrhub.demo.seed=true",
            // Break-the-glass is off by default; the tests show what it does when a deployment enables it.
            "phrhub.consent.break-the-glass=true",
            // Keycloak runs on this machine: no clock drift to allow for, so expiry is exact.
            "phrhub.security.clock-skew=0s",
            // One hospital numbers its patients as Synthea does (the import tests' configured institution).
            "phrhub.import.patient-number-systems.1399999901=http://hospital.smarthealthit.org"
        })
public abstract class FhirServerIntegrationTest {

    @LocalServerPort
    private int port;

    protected FhirHttp fhir;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        TestDatabase database = TestPostgres.database();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("phrhub.security.issuer-uri", () -> keycloak().issuer());
    }

    @BeforeEach
    void connect() {
        fhir = new FhirHttp("http://localhost:" + port + "/fhir");
    }

    protected static TestKeycloak keycloak() {
        return TestKeycloak.instance();
    }

    protected static String tokenOf(String username) {
        return keycloak().tokens().userToken(username);
    }

    protected static String clientToken(String clientId) {
        return keycloak().tokens().clientToken(clientId);
    }
}
