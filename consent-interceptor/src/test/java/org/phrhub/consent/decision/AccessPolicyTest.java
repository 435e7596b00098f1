package org.phrhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(
            new PatientCompartment(FhirContext.forR4Cached()),
            new DataDescriber(FhirContext.forR4Cached()),
            new ConsentDecisionEngine(false),
            Set.of("$import-bundle"));

    private static final Requester HANAKO = person("hanako", "Patient/hanako", HubRole.PATIENT);
    private static final Requester DOCTOR = person("dr.suzuki", "Practitioner/dr-suzuki", HubRole.PHYSICIAN);
    private static final String SUZUKI = "Practitioner/dr-suzuki";
    private static final String SUZUKI_ROLE = "PractitionerRole/dr-suzuki-aizu-clinic";
    private static final Requester GATEWAY =
            new Requester("sa-gw", "device-gateway", Optional.empty(), Set.of(HubRole.DEVICE_GATEWAY));

    @Test
    void patientReadsResourcesInHerCompartmentOnly() {
        assertThat(read(HANAKO, observationOf("Patient/hanako"))).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(HANAKO, observationOf("Patient/taro"))).isInstanceOf(AccessDecision.Deny.class);
        assertThat(read(HANAKO, patient("hanako"))).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(HANAKO, patient("taro"))).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void patientDataThatNamesNoPatientIsReadByNobody() {
        Observation orphan = new Observation();
        orphan.setSubject(new Reference("Group/ward-3"));

        assertThat(read(HANAKO, orphan)).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void signedInPeopleReadDirectoryDataAndMachinesDoNot() {
        Organization clinic = new Organization();
        clinic.setId("aizu-clinic");

        assertThat(read(DOCTOR, clinic)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(HANAKO, clinic)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(GATEWAY, clinic)).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void clinicianReadsNoPatientDataBeforeConsentsExist() {
        AccessDecision decision = read(DOCTOR, observationOf("Patient/hanako"));

        assertThat(decision).isInstanceOf(AccessDecision.Deny.class);
        assertThat(decision.reason()).contains("Practitioner/dr-suzuki");
    }

    @Test
    void patientWritesOnlyWhatBelongsToHerAlone() {
        Observation sharedWithTaro = observationOf("Patient/hanako");
        sharedWithTaro.addPerformer(new Reference("Patient/taro"));

        assertThat(write(HANAKO, observationOf("Patient/hanako"))).isInstanceOf(AccessDecision.Permit.class);
        assertThat(write(HANAKO, observationOf("Patient/taro"))).isInstanceOf(AccessDecision.Deny.class);
        assertThat(write(HANAKO, sharedWithTaro)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(write(HANAKO, new Organization())).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void gatewayWritesObservationsAndDevicesOnly() {
        assertThat(write(GATEWAY, observationOf("Patient/hanako"))).isInstanceOf(AccessDecision.Permit.class);
        assertThat(write(GATEWAY, new Device())).isInstanceOf(AccessDecision.Permit.class);
        AccessDecision patient = write(GATEWAY, patient("hanako"));
        assertThat(patient).isInstanceOf(AccessDecision.Deny.class);
        assertThat(patient.reason()).contains("Device, Observation");
    }

    @Test
    void machineClientsMayNotStartReads() {
        assertThat(policy.decideOperation(GATEWAY, operation(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null, null)))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(GATEWAY, operation(RestOperationTypeEnum.CREATE, "Observation", null, null)))
                .isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(GATEWAY, operation(RestOperationTypeEnum.DELETE, "Observation", "1", null)))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void operationsThatCannotBeFilteredAreRefusedExceptAPatientsOwnEverything() {
        assertThat(policy.decideOperation(HANAKO, operation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient", "hanako", "$everything")))
                .isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(HANAKO, operation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient", "taro", "$everything")))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(HANAKO, operation(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, null, "$export")))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(DOCTOR, operation(RestOperationTypeEnum.GRAPHQL_REQUEST, null, null, "$graphql")))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void operationsTheHostNamesForTheImporterAreForTheImporterOnly() {
        Requester importer = new Requester("sa-import", "ehr-importer", Optional.empty(), Set.of(HubRole.EHR_IMPORTER));

        assertThat(policy.decideOperation(importer, operation(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, null, "$import-bundle")))
                .isInstanceOf(AccessDecision.Permit.class);
        AccessDecision doctor = policy.decideOperation(DOCTOR,
                operation(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, null, "$import-bundle"));
        assertThat(doctor).isInstanceOf(AccessDecision.Deny.class);
        assertThat(doctor.reason()).contains("for the ehr-importer client only");
        assertThat(policy.decideOperation(importer, operation(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, null, "$export")))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void clinicianReadsAnAppointmentNamingThemOrTheirRoleWithoutAConsent() {
        Reader doctor = new Reader(DOCTOR, Set.of(SUZUKI, SUZUKI_ROLE, "Organization/aizu-clinic"), "TREAT");

        AccessDecision named = policy.decideRead(doctor, appointment("Patient/hanako", SUZUKI), p -> List.of(), Instant.now());
        AccessDecision byRole = policy.decideRead(doctor, appointment("Patient/hanako", SUZUKI_ROLE), p -> List.of(), Instant.now());

        assertThat(named).isInstanceOf(AccessDecision.Permit.class);
        assertThat(named.reason()).contains("names Practitioner/dr-suzuki as a participant");
        assertThat(byRole).isInstanceOf(AccessDecision.Permit.class);
    }

    @Test
    void anAppointmentWithSomeoneElseOrTheirClinicStaysUnderTheConsents() {
        Reader doctor = new Reader(DOCTOR, Set.of(SUZUKI, SUZUKI_ROLE, "Organization/aizu-clinic"), "TREAT");
        Reader pharmacist = new Reader(person("ph.ito", "Practitioner/ph-ito", HubRole.PHARMACIST), Set.of("Practitioner/ph-ito"), "TREAT");

        assertThat(policy.decideRead(doctor, appointment("Patient/hanako", "Practitioner/dr-sato"), p -> List.of(), Instant.now()))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideRead(doctor, appointment("Patient/hanako", "Organization/aizu-clinic"), p -> List.of(), Instant.now()))
                .as("an organization is not a participant a clinician takes part as").isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideRead(pharmacist, appointment("Patient/hanako", SUZUKI), p -> List.of(), Instant.now()))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void writingAnAppointmentNamingTheClinicianStillNeedsATreatmentPermit() {
        Reader doctor = new Reader(DOCTOR, Set.of(SUZUKI), "TREAT");

        AccessDecision decision = policy.decideWrite(doctor, appointment("Patient/hanako", SUZUKI), p -> List.of(), Instant.now());

        assertThat(decision).isInstanceOf(AccessDecision.Deny.class);
        assertThat(decision.reason()).contains("no active consent");
    }

    @Test
    void aClinicianMayAskAccessExplainButAnotherPatientOrTheCityBrokerMayNot() {
        RequestedOperation explainTaro = operation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient", "taro", "$access-explain");
        Requester broker = new Requester("sa-broker", "city-broker", Optional.empty(), Set.of(HubRole.CITY_BROKER));

        assertThat(policy.decideOperation(DOCTOR, explainTaro)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(HANAKO, explainTaro)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(broker, explainTaro)).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void aTokenWithoutHubRoleGetsNothing() {
        Requester nobody = new Requester("x", "hub-cli", Optional.empty(), Set.of());

        AccessDecision decision = policy.decideOperation(nobody, operation(RestOperationTypeEnum.READ, "Organization", "a", null));

        assertThat(decision).isInstanceOf(AccessDecision.Deny.class);
        assertThat(decision.reason()).contains("no PHR Hub role");
    }

    @Test
    void clinicianSchedulesAndSlotsAreDirectoryDataThatOnlyTheServerChanges() {
        Schedule clinicians = new Schedule();
        clinicians.addActor(new Reference(SUZUKI));
        Slot slot = new Slot();
        slot.setSchedule(new Reference("Schedule/dr-suzuki-online-diagnosis"));
        Schedule residents = new Schedule();
        residents.addActor(new Reference("Patient/taro"));

        assertThat(read(HANAKO, clinicians)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(DOCTOR, clinicians)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(HANAKO, slot)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(GATEWAY, slot)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(read(HANAKO, residents)).as("a patient's own schedule stays theirs").isInstanceOf(AccessDecision.Deny.class);
        assertThat(write(HANAKO, slot)).as("a resident marks no slot busy by writing it").isInstanceOf(AccessDecision.Deny.class);
        assertThat(write(DOCTOR, slot)).isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void onlyResidentsBookASlotAndOnlyForThemselves() {
        RequestedOperation book = operation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Slot", "s1", AccessPolicy.BOOK);

        assertThat(policy.decideOperation(HANAKO, book)).isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(DOCTOR, book)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(GATEWAY, book)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(HANAKO,
                operation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Appointment", "a1", AccessPolicy.BOOK)))
                .as("only a Slot is booked").isInstanceOf(AccessDecision.Deny.class);
    }

    private static Requester person(String subject, String fhirUser, HubRole role) {
        return new Requester(subject, "hub-cli", Optional.of(FhirUser.parse(fhirUser)), Set.of(role));
    }

    private static Appointment appointment(String patient, String practitioner) {
        Appointment appointment = new Appointment();
        appointment.addParticipant().setActor(new Reference(patient));
        appointment.addParticipant().setActor(new Reference(practitioner));
        return appointment;
    }

    private static Observation observationOf(String patient) {
        Observation observation = new Observation();
        observation.setSubject(new Reference(patient));
        return observation;
    }

    private static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        return patient;
    }

    private static RequestedOperation operation(RestOperationTypeEnum type, String resourceType, String id, String name) {
        return new RequestedOperation(
                type, Optional.ofNullable(resourceType), Optional.ofNullable(id), Optional.ofNullable(name));
    }

    /** Without any Consent: the rules that hold before a patient has opted in for anyone. */
    private AccessDecision read(Requester requester, IBaseResource resource) {
        return policy.decideRead(new Reader(requester, Set.of(), "TREAT"), resource, patient -> List.of(), Instant.now());
    }

    private AccessDecision write(Requester requester, IBaseResource resource) {
        return policy.decideWrite(new Reader(requester, Set.of(), "TREAT"), resource, patient -> List.of(), Instant.now());
    }
}
