package org.phrhub.consent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;

/** The AuditEvent of one consent decision, as a patient's access log and an auditor read it. */
class AuditEventFactoryTest {

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final Date RECORDED = Date.from(Instant.parse("2025-06-15T03:00:00Z"));

    private static final Reader DR_SUZUKI = new Reader(
            new Requester("kc-suzuki", "hub-web", Optional.of(FhirUser.parse("Practitioner/dr-suzuki")), Set.of(HubRole.PHYSICIAN)),
            Set.of("Practitioner/dr-suzuki", "PractitionerRole/dr-suzuki-aizu", "Organization/aizu-clinic", "Organization/aizu-city"),
            "TREAT");
    private static final Reader CITY_BROKER = new Reader(
            new Requester("sa-broker", "city-broker", Optional.empty(), Set.of(HubRole.CITY_BROKER)),
            Set.of("Organization/city-platform"), "PUBHLTH");

    private final AuditEventFactory factory = new AuditEventFactory();

    @Test
    void permittedReadIsRecordedAsABalpConsentDecisionWithOutcomeSuccess() {
        AuditEvent event = factory.build(DR_SUZUKI, "read", "GET Observation/bp-1", "Patient/hanako", true,
                Set.of("Consent/optin"), false, null, Set.of(), RECORDED);

        assertThat(event.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.AuthZconsent");
        assertThat(code(event.getType())).isEqualTo(DCM + "|110113");
        assertThat(event.getSubtype()).extracting(AuditEventFactoryTest::code).containsExactly(
                "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType|AuthZ-Consent",
                "http://hl7.org/fhir/restful-interaction|read");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getOutcomeDesc()).isEqualTo("Permitted");
        assertThat(event.getRecorded()).isEqualTo(RECORDED);
        assertThat(event.getPurposeOfEvent()).flatExtracting(CodeableConcept::getCoding)
                .extracting(AuditEventFactoryTest::code).containsExactly(ACT_REASON + "|TREAT");
        assertThat(event.getMeta().getSecurity()).isEmpty();
    }

    @Test
    void readPermittedByARuleRatherThanAConsentNamesTheRule() {
        AuditEvent event = factory.build(DR_SUZUKI, "read", "GET Appointment/visit-1", "Patient/hanako", true,
                Set.of(), false, "the Appointment names Practitioner/dr-suzuki as a participant", Set.of(), RECORDED);

        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getOutcomeDesc()).isEqualTo("Permitted: the Appointment names Practitioner/dr-suzuki as a participant");
    }

    @Test
    void deniedAccessIsRecordedWithOutcomeSeriousFailureAndItsReason() {
        AuditEvent event = factory.build(DR_SUZUKI, "search-type", "GET Observation?patient=Patient/hanako", "Patient/hanako",
                false, Set.of(), false, "no active consent of Patient/hanako lets Practitioner/dr-suzuki read Observation", Set.of(), RECORDED);

        assertThat(event.getOutcome().toCode()).isEqualTo("8");
        assertThat(event.getOutcomeDesc()).isEqualTo("no active consent of Patient/hanako lets Practitioner/dr-suzuki read Observation");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
    }

    @Test
    void agentsNameTheClientThePersonTheirOrganizationsAndTheServer() {
        AuditEvent event = factory.build(DR_SUZUKI, "read", "GET Observation/bp-1", "Patient/hanako", true,
                Set.of(), false, "", Set.of(), RECORDED);
        List<AuditEventAgentComponent> agents = event.getAgent();

        assertThat(agents).extracting(a -> code(a.getType())).containsExactly(
                DCM + "|110150", PARTICIPATION + "|INF", PARTICIPATION + "|RESP", PARTICIPATION + "|RESP", DCM + "|110152");
        AuditEventAgentComponent client = agents.get(0);
        assertThat(client.getWho().getIdentifier().getSystem()).isEqualTo("https://phr-hub.example/fhir/sid/oauth-client");
        assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("hub-web");
        assertThat(client.getRequestor()).isFalse();
        assertThat(client.getPurposeOfUse()).isEmpty();
        AuditEventAgentComponent person = agents.get(1);
        assertThat(person.getWho().getReference()).isEqualTo("Practitioner/dr-suzuki");
        assertThat(person.getAltId()).isEqualTo("kc-suzuki");
        assertThat(person.getRequestor()).isTrue();
        assertThat(person.getPurposeOfUse()).flatExtracting(CodeableConcept::getCoding)
                .extracting(AuditEventFactoryTest::code).containsExactly(ACT_REASON + "|TREAT");
        assertThat(agents.subList(2, 4)).extracting(a -> a.getWho().getReference())
                .containsExactly("Organization/aizu-city", "Organization/aizu-clinic");
        assertThat(agents.subList(2, 4)).extracting(AuditEventAgentComponent::getRequestor).containsOnly(false);
        AuditEventAgentComponent server = agents.get(4);
        assertThat(server.getWho().getDisplay()).isEqualTo("PHR Hub FHIR server");
        assertThat(server.getRequestor()).isFalse();
        assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("PHR Hub FHIR server");
    }

    @Test
    void machineClientIsTheRequestorAndCarriesThePurpose() {
        AuditEvent event = factory.build(CITY_BROKER, "search-type", "GET Observation", "Patient/hanako", true,
                Set.of("Consent/city"), false, "", Set.of(), RECORDED);

        assertThat(event.getAgent()).extracting(a -> code(a.getType())).containsExactly(
                DCM + "|110150", PARTICIPATION + "|RESP", DCM + "|110152");
        AuditEventAgentComponent client = event.getAgent().get(0);
        assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("city-broker");
        assertThat(client.getRequestor()).isTrue();
        assertThat(client.getPurposeOfUse()).flatExtracting(CodeableConcept::getCoding)
                .extracting(AuditEventFactoryTest::code).containsExactly(ACT_REASON + "|PUBHLTH");
        assertThat(event.getAgent().get(1).getWho().getReference()).isEqualTo("Organization/city-platform");
    }

    @Test
    void entitiesNameThePatientTheDecidingConsentsAndTheRequest() {
        AuditEvent event = factory.build(DR_SUZUKI, "read", "GET Observation/bp-1", "Patient/hanako", true,
                Set.of("Consent/b", "Consent/a"), false, "", Set.of(), RECORDED);
        List<AuditEventEntityComponent> entities = event.getEntity();

        assertThat(entities).hasSize(4);
        AuditEventEntityComponent patient = entities.get(0);
        assertThat(patient.getWhat().getReference()).isEqualTo("Patient/hanako");
        assertThat(code(patient.getType())).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-entity-type|1");
        assertThat(code(patient.getRole())).isEqualTo("http://terminology.hl7.org/CodeSystem/object-role|1");
        assertThat(entities.subList(1, 3)).extracting(e -> e.getWhat().getReference()).containsExactly("Consent/a", "Consent/b");
        assertThat(entities.subList(1, 3)).extracting(e -> code(e.getType()))
                .containsOnly("http://terminology.hl7.org/CodeSystem/audit-entity-type|2");
        AuditEventEntityComponent request = entities.get(3);
        assertThat(request.getName()).isEqualTo("request");
        assertThat(request.getDescription()).isEqualTo("GET Observation/bp-1");
    }

    @Test
    void eachKindOfDataTouchedIsAnEntityByResourceTypeAndCategory() {
        AuditEvent event = factory.build(DR_SUZUKI, "search-type", "GET Observation", "Patient/hanako", true, Set.of("Consent/a"),
                false, null, Set.of(new DataKind("Observation", Optional.of("vital-signs")), new DataKind("MedicationRequest", Optional.empty())),
                RECORDED);

        List<AuditEventEntityComponent> data = event.getEntity().stream()
                .filter(e -> "http://terminology.hl7.org/CodeSystem/object-role|4".equals(code(e.getRole()))).toList();
        assertThat(data).extracting(e -> code(e.getType())).containsExactly(
                "http://hl7.org/fhir/resource-types|MedicationRequest", "http://hl7.org/fhir/resource-types|Observation");
        assertThat(data.get(0).getDetail()).isEmpty();
        assertThat(data.get(1).getDetail()).singleElement().satisfies(detail -> {
            assertThat(detail.getType()).isEqualTo("category");
            assertThat(detail.getValue().primitiveValue()).isEqualTo("vital-signs");
        });
        assertThat(data).allSatisfy(e -> assertThat(e.hasWhat()).as("names no resource").isFalse());
        assertThat(event.getEntity().getLast().getName()).isEqualTo("request");
    }

    @Test
    void refusalThatNamedNoPatientHasNoPatientEntity() {
        AuditEvent event = factory.build(DR_SUZUKI, "operation", "GET $export", null, false, Set.of(),
                false, "$export is not available", Set.of(), RECORDED);

        assertThat(event.getEntity()).extracting(AuditEventEntityComponent::getName).containsExactly("request");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
    }

    @Test
    void emergencyAccessIsLabelledSoThePatientSeesIt() {
        Reader emergency = new Reader(DR_SUZUKI.requester(), DR_SUZUKI.actorReferences(), "ETREAT");

        AuditEvent event = factory.build(emergency, "read", "GET Observation/bp-1", "Patient/hanako", true,
                Set.of(), true, "break-the-glass", Set.of(), RECORDED);

        assertThat(event.getMeta().getSecurity()).extracting(AuditEventFactoryTest::code).containsExactly(ACT_REASON + "|ETREAT");
        assertThat(event.getOutcomeDesc()).isEqualTo("Emergency access (break-the-glass)");
        assertThat(event.getPurposeOfEvent()).flatExtracting(CodeableConcept::getCoding)
                .extracting(AuditEventFactoryTest::code).containsExactly(ACT_REASON + "|ETREAT");
    }

    private static String code(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static String code(CodeableConcept concept) {
        return code(concept.getCodingFirstRep());
    }
}
