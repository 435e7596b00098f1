package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code $access-explain} asked by a clinician: the answer is about the clinician alone, for the
 * request's purpose, tells nothing of the patient's Consents or of anyone else, and reads the same for
 * a patient who does not exist as for one who shared nothing.
 */
class ClinicianAccessExplainTest extends FhirServerIntegrationTest {

    private static final String EXPLAIN = "/$access-explain";

    @Autowired
    private DaoRegistry daos;

    @Test
    void aClinicianIsToldPerClassWhatThePatientSharedWithThemAndNothingMore() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT").addCode(
                new CodeableConcept(new Coding(PatientRecords.OBSERVATION_CATEGORY, "vital-signs", null)))));
        String otherConsent = records.store(optIn(record.patient(), permit("Practitioner/dr-sato", "TREAT")));

        Response response = fhir.get(record.patient() + EXPLAIN, Tokens.user("dr.suzuki"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Parameters answer = response.resource(Parameters.class);
        assertThat(decisionFor(answer, "Observation (vital-signs)")).isEqualTo("permit");
        assertThat(decisionFor(answer, "Observation (laboratory)")).isEqualTo("deny");
        assertThat(decisionFor(answer, "MedicationRequest (medication)")).isEqualTo("deny");
        assertThat(answer.getParameter()).extracting(ParametersParameterComponent::getName).containsOnly("patient", "access");
        assertThat(accessLines(answer)).allSatisfy(line -> {
            assertThat(line.getPart()).extracting(ParametersParameterComponent::getName)
                    .containsExactly("actor", "purpose", "dataClass", "decision", "reason");
            assertThat(part(line, "actor")).isEqualTo("Practitioner/dr-suzuki");
            assertThat(part(line, "purpose")).isEqualTo("TREAT");
        });
        assertThat(response.body()).doesNotContain("Consent/", "dr-sato", otherConsent.substring("Consent/".length()));
    }

    @Test
    void aPatientWhoDoesNotExistReadsTheSameAsOneWhoSharedNothing() {
        String missing = "Patient/no-such-" + UUID.randomUUID().toString().substring(0, 8);

        Response taro = fhir.get("Patient/taro" + EXPLAIN, Tokens.user("dr.suzuki"));
        Response nobody = fhir.get(missing + EXPLAIN, Tokens.user("dr.suzuki"));

        assertThat(taro.status()).as(taro.body()).isEqualTo(200);
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(200);
        assertThat(accessLines(taro.resource(Parameters.class))).isNotEmpty()
                .allSatisfy(line -> assertThat(part(line, "decision")).isEqualTo("deny"));
        assertThat(nobody.body()).isEqualTo(taro.body().replace("Patient/taro", missing));
    }

    @Test
    void theAnswerIsForThePurposeTheRequestStates() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT")));

        Parameters byDefault = fhir.get(record.patient() + EXPLAIN, Tokens.user("dr.suzuki")).resource(Parameters.class);
        Parameters byHeader = fhir.get(record.patient() + EXPLAIN, Tokens.user("dr.suzuki"), "HRESCH").resource(Parameters.class);
        Parameters byParameter = fhir.get(record.patient() + EXPLAIN + "?purpose=HRESCH", Tokens.user("dr.suzuki"))
                .resource(Parameters.class);

        assertThat(accessLines(byDefault)).allSatisfy(line -> assertThat(part(line, "decision")).isEqualTo("permit"));
        for (Parameters research : List.of(byHeader, byParameter)) {
            assertThat(accessLines(research)).allSatisfy(line -> {
                assertThat(part(line, "purpose")).isEqualTo("HRESCH");
                assertThat(part(line, "decision")).isEqualTo("deny");
                assertThat(part(line, "reason")).isEqualTo("not shared with you by the patient for HRESCH");
            });
        }
    }

    @Test
    void aClinicianAskingAboutSomeoneElseIsRefused() {
        Response other = fhir.get("Patient/taro" + EXPLAIN + "?actor=Practitioner/ph-ito", Tokens.user("dr.suzuki"));
        Response self = fhir.get("Patient/taro" + EXPLAIN + "?actor=Practitioner/dr-suzuki", Tokens.user("dr.suzuki"));

        assertThat(other.status()).as(other.body()).isEqualTo(403);
        assertThat(other.diagnostics()).contains("for the clinician alone").contains("Practitioner/dr-suzuki");
        assertThat(self.status()).as(self.body()).isEqualTo(200);
        assertThat(fhir.get("Patient/hanako" + EXPLAIN, Tokens.client("city-broker")).status()).isEqualTo(403);
    }

    @Test
    void askingIsInThePatientsAccessLogLikeARead() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Practitioner/ph-ito", "TREAT")));

        assertThat(fhir.get(record.patient() + EXPLAIN, Tokens.user("ph.ito")).status()).isEqualTo(200);

        AuditEvent event = records.awaitAuditEvent(record.patient(),
                e -> e.getAgent().stream().anyMatch(agent -> "Practitioner/ph-ito".equals(agent.getWho().getReference())));
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getOutcomeDesc()).contains("asked what they may see of the record for TREAT");
    }

    @Test
    void askingAboutARecordThatSharesNothingIsLoggedAsRefused() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();

        Response response = fhir.get(record.patient() + EXPLAIN, Tokens.user("ph.ito"));

        assertThat(response.status()).as("the answer itself is given").isEqualTo(200);
        AuditEvent event = records.awaitAuditEvent(record.patient(),
                e -> e.getAgent().stream().anyMatch(agent -> "Practitioner/ph-ito".equals(agent.getWho().getReference())));
        assertThat(event.getOutcome().toCode()).isEqualTo("8");
        assertThat(event.getOutcomeDesc()).contains("nothing of it is shared with them");
    }

    private static List<ParametersParameterComponent> accessLines(Parameters answer) {
        return answer.getParameter().stream().filter(p -> "access".equals(p.getName())).toList();
    }

    private static String decisionFor(Parameters answer, String dataClass) {
        return accessLines(answer).stream()
                .filter(line -> dataClass.equals(part(line, "dataClass")))
                .map(line -> part(line, "decision"))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + dataClass));
    }

    private static String part(ParametersParameterComponent line, String name) {
        return line.getPart().stream().filter(p -> name.equals(p.getName()))
                .map(p -> p.getValue().primitiveValue()).findFirst().orElse(null);
    }
}
