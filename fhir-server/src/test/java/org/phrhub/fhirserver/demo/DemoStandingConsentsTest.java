package org.phrhub.fhirserver.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.consent.ConsentProperties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo's long-standing Consents of hanako (stored only where {@code ./hub demo} asks for them): the city
 * platform reads her home blood pressure and nothing else, dr.sato her hospital data but not her home readings,
 * and what she revokes stays revoked when the demo starts again.
 */
class DemoStandingConsentsTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private ConsentProperties consentProperties;

    @Test
    void theCityReadsHerHomeReadingsHerDoctorHerHospitalDataAndARevocationSurvivesARestart() {
        DemoStandingConsents standing = new DemoStandingConsents(daos, consentProperties, Clock.systemUTC());
        try {
            standing.run(null);

            String city = clientToken("city-broker");
            assertThat(total("Observation?subject=Patient/hanako&category=vital-signs", city)).isPositive();
            assertThat(total("Observation?subject=Patient/hanako&category=laboratory", city)).isZero();
            assertThat(total("Condition?subject=Patient/hanako", city)).isZero();

            String sato = tokenOf("dr.sato");
            assertThat(total("Condition?subject=Patient/hanako", sato)).isPositive();
            assertThat(total("Observation?subject=Patient/hanako&category=laboratory", sato)).isPositive();
            assertThat(total("MedicationRequest?subject=Patient/hanako", sato)).isPositive();
            assertThat(total("Observation?subject=Patient/hanako&category=vital-signs", sato)).as("not her home readings").isZero();

            // She revokes the city's opt-in; the demo starting again leaves it revoked.
            String hanako = tokenOf("hanako");
            Consent optIn = fhir.get("Consent/" + DemoStandingConsents.CITY_OPT_IN_ID, hanako).resource(Consent.class);
            optIn.setStatus(Consent.ConsentState.INACTIVE);
            assertThat(fhir.put("Consent/" + DemoStandingConsents.CITY_OPT_IN_ID, hanako, optIn).status()).isEqualTo(200);
            standing.run(null);
            assertThat(fhir.get("Consent/" + DemoStandingConsents.CITY_OPT_IN_ID, hanako).resource(Consent.class).getStatus())
                    .isEqualTo(Consent.ConsentState.INACTIVE);
            assertThat(total("Observation?subject=Patient/hanako&category=vital-signs", city)).isZero();
        } finally {
            // The other tests know the demo without them.
            for (String id : new String[] {DemoStandingConsents.CITY_OPT_IN_ID, DemoStandingConsents.FAMILY_DOCTOR_ID}) {
                daos.getResourceDao(Consent.class).delete(new IdType("Consent", id), new SystemRequestDetails());
            }
        }
    }

    private int total(String search, String token) {
        return fhir.get(search + "&_summary=count", token).bundle().getTotal();
    }
}
