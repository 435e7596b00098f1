package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Emergency reads (purpose ETREAT) on a server with break-the-glass switched on: the patient's Consents
 * decide first, break-the-glass is the fallback, and a patient's explicit refusal of emergency access
 * holds against it. (With break-the-glass off, a Consent's emergency permit is the only way in: see the
 * decision engine's tests.)
 */
class EmergencyConsentTest extends FhirServerIntegrationTest {

    private static final String ETREAT = "ETREAT";

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private ConsentGuard consentGuard;

    @Test
    void anEmergencyPermitOfThePatientIsAnOrdinaryConsentedReadNotABreakTheGlass() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String consent = records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", ETREAT)));

        Response read = fhir.get(record.vitals(), Tokens.user("dr.suzuki"), ETREAT);
        assertThat(consentGuard.awaitAuditTrail(Duration.ofSeconds(10))).isTrue();
        Response search = fhir.get("Observation?patient=" + record.patient(), Tokens.user("dr.suzuki"), ETREAT);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        // The Consent does not name the restricted label R: that reading comes through break-the-glass.
        assertThat(ConsentMatrixTest.references(search.bundle()))
                .containsExactlyInAnyOrder(record.vitals(), record.lab(), record.psy(), record.secret());
        assertThat(consentGuard.awaitAuditTrail(Duration.ofSeconds(10))).isTrue();
        AuditEvent consentedRead = eventOf(record.patient(), "read");
        assertThat(consentedRead.getOutcome().toCode()).isEqualTo("0");
        assertThat(consentedRead.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo(ETREAT);
        assertThat(consentedRead.getMeta().getSecurity()).as("not flagged as break-the-glass").noneMatch(s -> ETREAT.equals(s.getCode()));
        assertThat(consentedRead.getEntity()).anyMatch(x -> consent.equals(x.getWhat().getReference()));
        AuditEvent searchWithRestricted = eventOf(record.patient(), "search-type");
        assertThat(searchWithRestricted.getMeta().getSecurity()).as("the restricted reading was an emergency access")
                .anyMatch(s -> ETREAT.equals(s.getCode()));
    }

    @Test
    void aPatientsExplicitRefusalOfEmergencyAccessHoldsAgainstBreakTheGlass() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        Consent treatmentOnly = optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT"));
        treatmentOnly.getProvision().addProvision(permit("Practitioner/dr-suzuki", ETREAT)
                .setType(Consent.ConsentProvisionType.DENY));
        records.store(treatmentOnly);
        Consent notSato = optIn(record.patient(), permit("Practitioner/dr-sato", null));
        // Root deny naming dr-sato, without a purpose: an explicit deny that does not speak of emergencies.
        notSato.setProvision(notSato.getProvision().getProvisionFirstRep().setType(Consent.ConsentProvisionType.DENY));
        records.store(notSato);

        assertThat(fhir.get(record.vitals(), Tokens.user("dr.suzuki"), "TREAT").status()).isEqualTo(200);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.suzuki"), ETREAT).status())
                .as("no emergency access, as the patient said").isEqualTo(404);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.sato"), "TREAT").status()).isEqualTo(404);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.sato"), ETREAT).status())
                .as("a deny that does not speak of emergencies yields to break-the-glass").isEqualTo(200);
    }

    private AuditEvent eventOf(String patient, String interaction) {
        return new PatientRecords(daos).auditEventsAbout(patient).stream()
                .filter(e -> e.getAgent().stream().anyMatch(a -> "Practitioner/dr-suzuki".equals(a.getWho().getReference())))
                .filter(e -> e.getSubtype().stream().anyMatch(c -> interaction.equals(c.getCode())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + interaction + " event of dr-suzuki about " + patient));
    }
}
