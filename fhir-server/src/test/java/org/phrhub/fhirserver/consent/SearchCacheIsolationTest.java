package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HAPI keeps a search's results and hands them to the next identical search for a while. Identical URLs from
 * readers with different Consents are not identical searches: each answer, its total included, is the
 * reader's own, also when asked a moment after someone else.
 */
class SearchCacheIsolationTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Test
    void aReaderWithoutConsentDoesNotGetTheTotalOfOneWithIt() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT")));
        // A page smaller than the matches: HAPI keeps this search rather than answering it at once.
        String search = "Observation?patient=" + record.patient() + "&_count=1";

        Bundle consented = fhir.get(search, Tokens.user("dr.suzuki"), "TREAT").bundle();
        Bundle notConsented = fhir.get(search, Tokens.user("dr.sato"), "TREAT").bundle();

        assertThat(consented.getTotal()).isPositive();
        assertThat(ConsentMatrixTest.references(notConsented)).isEmpty();
        assertThat(notConsented.getTotal()).as("what dr.sato may not see looks like nothing").isZero();
    }

    @Test
    void aRevocationCountsForTheSameSearchAskedAgain() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String consent = records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT")));
        String search = "Observation?patient=" + record.patient() + "&_count=1";

        Bundle before = fhir.get(search, Tokens.user("dr.suzuki"), "TREAT").bundle();
        Consent revoked = daos.getResourceDao(Consent.class).read(new IdType(consent), new SystemRequestDetails());
        records.store(revoked.setStatus(Consent.ConsentState.INACTIVE));
        Bundle after = fhir.get(search, Tokens.user("dr.suzuki"), "TREAT").bundle();

        assertThat(before.getTotal()).isPositive();
        assertThat(ConsentMatrixTest.references(after)).isEmpty();
        assertThat(after.getTotal()).isZero();
    }
}
