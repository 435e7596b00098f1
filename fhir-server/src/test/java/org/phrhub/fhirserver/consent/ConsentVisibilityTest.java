package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who finds a Consent, and whose Consents count for a search that names no patient: the opt-in in the
 * README's own shape (root deny, the reader in a nested permit) is found like any other, and reading a
 * Consent and searching for it follow one rule.
 */
class ConsentVisibilityTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Test
    void anOptInNamingTheReaderInANestedProvisionCountsForASearchThatNamesNoPatient() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Organization/city-platform", "PUBHLTH")));

        Response response = fhir.get("Observation?code=http://loinc.org%7C85354-9&_count=200&_total=accurate",
                Tokens.client("city-broker"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(ConsentMatrixTest.references(response.bundle())).contains(record.vitals());
        assertThat(response.bundle().getTotal()).isEqualTo(response.bundle().getEntry().size());
    }

    @Test
    void aClinicianReadsAndFindsTheActiveConsentsNamingThemAndNobodyElseDoes() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        Consent consent = optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT"));
        // The same patient also names taro, another patient, e.g. as a family member.
        consent.getProvision().addProvision(permit("Patient/taro", "TREAT"));
        String reference = records.store(consent);
        String id = reference.substring("Consent/".length());

        assertThat(fhir.get(reference, Tokens.user("dr.suzuki")).status()).isEqualTo(200);
        assertThat(found("Consent?_id=" + id, "dr.suzuki")).containsExactly(reference);
        assertThat(found("Consent?patient=" + record.patient(), "dr.suzuki")).containsExactly(reference);
        for (String outsider : new String[] {"dr.sato", "taro", "hanako"}) {
            assertLooksMissing(fhir.get(reference, Tokens.user(outsider)), outsider);
            assertThat(found("Consent?_id=" + id, outsider)).as(outsider).isEmpty();
        }

        consent.setStatus(Consent.ConsentState.INACTIVE);
        records.store(consent);

        assertLooksMissing(fhir.get(reference, Tokens.user("dr.suzuki")), "dr.suzuki");
        assertThat(found("Consent?_id=" + id, "dr.suzuki")).isEmpty();
        Response history = fhir.get(reference + "/_history", Tokens.user("dr.suzuki"));
        Response historyOfNothing = fhir.get("Consent/no-such-consent/_history", Tokens.user("dr.suzuki"));
        Response firstVersion = fhir.get(reference + "/_history/1", Tokens.user("dr.suzuki"));
        assertThat(history.status()).isEqualTo(403).isEqualTo(historyOfNothing.status()).isEqualTo(firstVersion.status());
        assertThat(history.diagnostics()).contains("versions of a Consent are for its patient");
    }

    private java.util.List<String> found(String search, String user) {
        Response response = fhir.get(search, Tokens.user(user));
        assertThat(response.status()).as(search + " by " + user + ": " + response.body()).isEqualTo(200);
        Bundle bundle = response.bundle();
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        return ConsentMatrixTest.references(bundle);
    }

    private void assertLooksMissing(Response response, String user) {
        Response missing = fhir.get("Consent/no-such-consent", Tokens.user(user));
        assertThat(response.status()).as(user).isEqualTo(404).isEqualTo(missing.status());
    }
}
