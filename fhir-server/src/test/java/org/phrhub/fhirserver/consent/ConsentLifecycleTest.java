package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Granting, revoking, auditing and explaining, as the patient and the readers experience them. */
class ConsentLifecycleTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private ConsentGuard consentGuard;

    @Test
    void patientGrantsByPostingAConsentAndRevokesItForTheVeryNextRequest() {
        // dr.sato: the demo's visit Consent of hanako names her online clinicians, not him.
        String observation = "Observation/hanako-bp-morning";
        assertThat(fhir.get(observation, Tokens.user("dr.sato")).status()).isEqualTo(404);

        Response granted = fhir.post("Consent", Tokens.user("hanako"), optIn("Patient/hanako", permit("Practitioner/dr-sato", "TREAT")));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        Consent consent = granted.resource(Consent.class);
        assertThat(fhir.get(observation, Tokens.user("dr.sato")).status()).isEqualTo(200);
        assertThat(fhir.get("Consent/" + consent.getIdElement().getIdPart(), Tokens.user("dr.sato")).status())
                .as("a clinician reads the Consents that name them").isEqualTo(200);

        consent.setStatus(Consent.ConsentState.INACTIVE);
        Response revoked = fhir.put("Consent/" + consent.getIdElement().getIdPart(), Tokens.user("hanako"), consent);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(fhir.get(observation, Tokens.user("dr.sato")).status()).isEqualTo(404);
    }

    @Test
    void onlyThePatientWritesTheirConsents() {
        Consent forged = optIn("Patient/hanako", permit("Practitioner/dr-suzuki", "TREAT"));
        assertThat(fhir.post("Consent", Tokens.user("dr.suzuki"), forged).status()).isEqualTo(403);
        assertThat(fhir.post("Consent", Tokens.user("taro"), forged).status()).isEqualTo(403);
    }

    @Test
    void revocationWhileAReaderPagesStopsTheNextPage() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        Consent consent = optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT"));
        records.store(consent);

        Bundle first = fhir.get("Observation?patient=" + record.patient() + "&_count=1", Tokens.user("dr.suzuki")).bundle();
        assertThat(first.getEntry()).hasSize(1);
        assertThat(first.getLink("next")).isNotNull();

        consent.setStatus(Consent.ConsentState.INACTIVE);
        records.store(consent);

        Response second = fhir.follow(first.getLink("next").getUrl(), Tokens.user("dr.suzuki"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(ConsentMatrixTest.references(second.bundle())).as("no page after the revocation shows data").isEmpty();
    }

    @Test
    void everyPermittedAndDeniedAccessLeavesAnAuditEventThePatientCanRead() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        Consent consent = optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT"));
        String consentRef = records.store(consent);

        assertThat(fhir.get(record.vitals(), Tokens.user("dr.suzuki")).status()).isEqualTo(200);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.sato")).status()).isEqualTo(404);
        assertThat(consentGuard.awaitAuditTrail(Duration.ofSeconds(10))).isTrue();

        List<AuditEvent> events = daoAuditEventsOf(record.patient());
        AuditEvent permitted = events.stream().filter(e -> hasUser(e, "Practitioner/dr-suzuki")).findFirst().orElseThrow();
        assertThat(permitted.getType().getCode()).isEqualTo("110113");
        assertThat(permitted.getSubtypeFirstRep().getCode()).isEqualTo("AuthZ-Consent");
        assertThat(permitted.getOutcome().toCode()).isEqualTo("0");
        assertThat(permitted.getEntity()).anyMatch(e -> record.patient().equals(e.getWhat().getReference()));
        assertThat(permitted.getEntity()).anyMatch(e -> consentRef.equals(e.getWhat().getReference()));
        assertThat(permitted.getAgent()).anyMatch(a -> "Practitioner/dr-suzuki".equals(a.getWho().getReference())
                && "TREAT".equals(a.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()));
        assertThat(permitted.getAgent()).anyMatch(a -> "Organization/aizu-clinic".equals(a.getWho().getReference()));
        assertThat(permitted.getAgent()).anyMatch(a -> "telehealth-bridge".equals(a.getWho().getIdentifier().getValue())
                || "hub-cli".equals(a.getWho().getIdentifier().getValue()));

        AuditEvent denied = events.stream().filter(e -> hasUser(e, "Practitioner/dr-sato")).findFirst().orElseThrow();
        assertThat(denied.getOutcome().toCode()).isEqualTo("8");

        Bundle ownLog = fhir.get("AuditEvent?patient=" + record.patient(), Tokens.user("hanako")).bundle();
        assertThat(ownLog.getEntry()).as("hanako's log holds only her own events").isEmpty();
        Bundle hanakoLog = fhir.get("AuditEvent?patient=Patient/hanako&_total=accurate&_count=200", Tokens.user("hanako")).bundle();
        assertThat(hanakoLog.getTotal()).isEqualTo(hanakoLog.getEntry().size());
        assertThat(fhir.get("AuditEvent?patient=" + record.patient(), Tokens.user("dr.suzuki")).bundle().getEntry())
                .as("nobody but the patient and auditors reads the audit trail").isEmpty();
        assertThat(fhir.get("AuditEvent?patient=" + record.patient(), Tokens.user("au.kato")).bundle().getEntry())
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void breakTheGlassGrantsAPhysicianAndIsFlaggedInThePatientsLog() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();

        assertThat(fhir.get(record.vitals(), Tokens.user("dr.sato")).status()).isEqualTo(404);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.sato"), "ETREAT").status()).isEqualTo(200);
        assertThat(fhir.get(record.vitals(), Tokens.user("ph.ito"), "ETREAT").status()).isEqualTo(404);
        assertThat(consentGuard.awaitAuditTrail(Duration.ofSeconds(10))).isTrue();

        AuditEvent emergency = daoAuditEventsOf(record.patient()).stream()
                .filter(e -> hasUser(e, "Practitioner/dr-sato") && e.getOutcome().toCode().equals("0"))
                .findFirst().orElseThrow();
        assertThat(emergency.getMeta().getSecurity()).anyMatch(s -> "ETREAT".equals(s.getCode()));
        assertThat(emergency.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
    }

    @Test
    void badPurposeOfUseIsAClearError() {
        Response response = fhir.get("Observation/hanako-bp-morning", Tokens.user("dr.suzuki"), "treat me");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.diagnostics()).contains("X-Purpose-Of-Use");
    }

    @Test
    void chainedSearchIsRefusedToReadersOtherThanThePatient() {
        Response response = fhir.get("Observation?subject:Patient.identifier=x", Tokens.user("dr.suzuki"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(fhir.get("Observation?subject:Patient.name=Hanako", Tokens.user("hanako")).status()).isEqualTo(200);
    }

    @Test
    void patientAsksWhoCanSeeWhatAndWhy() {
        PatientRecords records = new PatientRecords(daos);
        // dr.sato, so that taro still shares nothing with the demo's online clinicians.
        records.store(optIn("Patient/taro", permit("Practitioner/dr-sato", "TREAT")
                .addProvision(PatientRecords.denyCode("laboratory"))));

        Response response = fhir.get("Patient/taro/$access-explain?actor=Practitioner/dr-sato", Tokens.user("taro"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Parameters answer = response.resource(Parameters.class);
        assertThat(decisionFor(answer, "Observation (vital-signs)")).isEqualTo("permit");
        assertThat(decisionFor(answer, "Observation (laboratory)")).isEqualTo("deny");
        assertThat(fhir.get("Patient/taro/$access-explain", Tokens.user("hanako")).status()).isEqualTo(403);
    }

    private static String decisionFor(Parameters answer, String dataClass) {
        return answer.getParameter().stream()
                .filter(p -> "access".equals(p.getName()))
                .filter(p -> p.getPart().stream().anyMatch(x -> "dataClass".equals(x.getName()) && dataClass.equals(x.getValue().primitiveValue())))
                .flatMap(p -> p.getPart().stream())
                .filter(x -> "decision".equals(x.getName()))
                .map(x -> x.getValue().primitiveValue())
                .findFirst().orElseThrow();
    }

    private List<AuditEvent> daoAuditEventsOf(String patient) {
        var query = ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous()
                .add(AuditEvent.SP_PATIENT, new ca.uhn.fhir.rest.param.ReferenceParam(patient));
        return daos.getResourceDao(AuditEvent.class)
                .search(query, new ca.uhn.fhir.rest.api.server.SystemRequestDetails())
                .getAllResources().stream().map(AuditEvent.class::cast).toList();
    }

    private static boolean hasUser(AuditEvent event, String user) {
        return event.getAgent().stream().anyMatch(a -> user.equals(a.getWho().getReference()));
    }
}
