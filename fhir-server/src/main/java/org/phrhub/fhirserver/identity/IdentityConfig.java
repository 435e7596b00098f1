package org.phrhub.fhirserver.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.phrhub.fhirserver.ingest.PatientNumberSystems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Residents' identity: their canonical Patients, the hospital patients held for review, and the operations on both. */
@Configuration
public class IdentityConfig {

    @Bean
    public ResidentDirectory residentDirectory(DaoRegistry daos) {
        return new ResidentDirectory(daos);
    }

    @Bean
    public IdentityReviewList identityReviewList(JdbcTemplate jdbc, ResidentDirectory residents, Clock clock) {
        return new IdentityReviewList(jdbc, residents, clock);
    }

    /** Registered with the FHIR server next to the import operations ({@code fhir.HapiJpaServerConfig}). */
    @Bean
    public IdentityOperations identityOperations(ResidentDirectory residents, PatientNumberSystems numberSystems,
            IdentityReviewList review) {
        return new IdentityOperations(residents, numberSystems, review);
    }
}
