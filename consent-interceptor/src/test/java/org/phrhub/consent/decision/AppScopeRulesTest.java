package org.phrhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.consent.requester.SmartScopes;

/** An app's SMART scopes limit it on top of the hub's rules: the policy as a whole decides. */
class AppScopeRulesTest {

    private final AccessPolicy policy = new AccessPolicy(
            new PatientCompartment(FhirContext.forR4Cached()),
            new DataDescriber(FhirContext.forR4Cached()),
            new ConsentDecisionEngine(false),
            Set.of("$import-bundle"));

    private static final String OBSERVATIONS_ONLY = "openid fhirUser launch/patient patient/Observation.rs";

    @Test
    void appReadsAndSearchesOnlyTheTypesItsScopesName() {
        Requester app = hanakoThroughApp(OBSERVATIONS_ONLY);

        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null)))
                .isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.READ, "Observation", "o1")))
                .isInstanceOf(AccessDecision.Permit.class);
        AccessDecision conditions = policy.decideOperation(app, operation(RestOperationTypeEnum.SEARCH_TYPE, "Condition", null));
        assertThat(conditions).isInstanceOf(AccessDecision.Deny.class);
        assertThat(conditions.reason()).contains("patient/Condition.rs").contains(OBSERVATIONS_ONLY);
        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.READ, "Condition", "c1")))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void theSameResidentThroughTheHubsOwnClientIsNotLimitedByScopes() {
        Requester hub = new Requester("hanako", "hub-cli", Optional.of(FhirUser.parse("Patient/hanako")), Set.of(HubRole.PATIENT));

        assertThat(policy.decideOperation(hub, operation(RestOperationTypeEnum.SEARCH_TYPE, "Condition", null)))
                .isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(hub, condition("Patient/hanako"))).isInstanceOf(AccessDecision.Permit.class);
    }

    @Test
    void resourcesOutsideTheScopesAreLeftOutWhenTheyComeAlong() {
        Requester app = hanakoThroughApp(OBSERVATIONS_ONLY);
        Organization clinic = new Organization();
        clinic.setId("aizu-clinic");

        assertThat(read(app, observation("Patient/hanako"))).isInstanceOf(AccessDecision.Permit.class);
        assertThat(read(app, condition("Patient/hanako"))).isInstanceOf(AccessDecision.Deny.class);
        assertThat(read(app, clinic)).isInstanceOf(AccessDecision.Deny.class);
        assertThat(read(hanakoThroughApp("patient/*.rs"), clinic)).isInstanceOf(AccessDecision.Permit.class);
    }

    @Test
    void appReadsOnlyItsPatientsRecordEvenWhereItsUserMayReadAnothersByConsent() {
        // A resident who is a physician too, whom taro's Consent lets read his record for treatment.
        Requester doctorAndPatient = new Requester("hanako", "hub-cli", Optional.of(FhirUser.parse("Patient/hanako")),
                Set.of(HubRole.PATIENT, HubRole.PHYSICIAN));
        Requester sameThroughApp = new Requester("hanako", "resident-app", Optional.of(FhirUser.parse("Patient/hanako")),
                Set.of(HubRole.PATIENT, HubRole.PHYSICIAN), Optional.of(SmartScopes.parse("patient/*.rs")));
        Consent taroAllowsHanako = treatmentConsent("Patient/taro", "Patient/hanako");

        assertThat(readUnderConsent(doctorAndPatient, observation("Patient/taro"), taroAllowsHanako))
                .isInstanceOf(AccessDecision.Permit.class);
        AccessDecision throughApp = readUnderConsent(sameThroughApp, observation("Patient/taro"), taroAllowsHanako);
        assertThat(throughApp).isInstanceOf(AccessDecision.Deny.class);
        assertThat(throughApp.reason()).contains("only the record of Patient/hanako");
    }

    @Test
    void readScopesGrantNoWrites() {
        Requester app = hanakoThroughApp("patient/*.rs");

        AccessDecision create = policy.decideOperation(app, operation(RestOperationTypeEnum.CREATE, "Observation", null));
        assertThat(create).isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.UPDATE, "Observation", "o1")))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.TRANSACTION, null, null)))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideWrite(new Reader(app, Set.of(), "PATRQT"), observation("Patient/hanako"), p -> List.of(), Instant.now()))
                .isInstanceOf(AccessDecision.Deny.class);
    }

    @Test
    void appWithoutPatientInContextGetsNoData() {
        Requester doctorThroughApp = new Requester("dr.suzuki", "resident-app", Optional.of(FhirUser.parse("Practitioner/dr-suzuki")),
                Set.of(HubRole.PHYSICIAN), Optional.of(SmartScopes.parse("patient/*.rs")));

        AccessDecision decision = policy.decideOperation(doctorThroughApp, operation(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null));

        assertThat(decision).isInstanceOf(AccessDecision.Deny.class);
        assertThat(decision.reason()).contains("no patient in context");
    }

    @Test
    void appWithoutDataScopesGetsNoData() {
        AccessDecision decision = policy.decideOperation(hanakoThroughApp("openid fhirUser"),
                operation(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null));

        assertThat(decision).isInstanceOf(AccessDecision.Deny.class);
        assertThat(decision.reason()).contains("no data scopes");
    }

    @Test
    void appsMayNotUseOperationsTheyCannotBeScopedFor() {
        Requester app = hanakoThroughApp("patient/*.rs");

        assertThat(policy.decideOperation(app, new RequestedOperation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
                Optional.of("Patient"), Optional.of("hanako"), Optional.of(AccessPolicy.ACCESS_EXPLAIN))))
                .isInstanceOf(AccessDecision.Deny.class);
        assertThat(policy.decideOperation(app, new RequestedOperation(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
                Optional.of("Patient"), Optional.of("hanako"), Optional.of("$everything"))))
                .isInstanceOf(AccessDecision.Permit.class);
        assertThat(policy.decideOperation(app, operation(RestOperationTypeEnum.METADATA, null, null)))
                .isInstanceOf(AccessDecision.Permit.class);
    }

    private static Requester hanakoThroughApp(String scopes) {
        return new Requester("hanako", "resident-app", Optional.of(FhirUser.parse("Patient/hanako")), Set.of(HubRole.PATIENT),
                Optional.of(SmartScopes.parse(scopes)));
    }

    private AccessDecision read(Requester requester, IBaseResource resource) {
        return policy.decideRead(new Reader(requester, Set.of(), "PATRQT"), resource, patient -> List.of(), Instant.now());
    }

    private AccessDecision readUnderConsent(Requester requester, IBaseResource resource, Consent consent) {
        Reader reader = new Reader(requester, Set.of("Patient/hanako"), "TREAT");
        return policy.decideRead(reader, resource,
                patient -> patient.equals(consent.getPatient().getReference()) ? List.of(consent) : List.of(), Instant.now());
    }

    private static Consent treatmentConsent(String patient, String actor) {
        Consent consent = new Consent();
        consent.setId("c-" + patient.substring(8));
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.setPatient(new Reference(patient));
        consent.setDateTime(new Date());
        Consent.ProvisionComponent permit = new Consent.ProvisionComponent().setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setReference(new Reference(actor)).setRole(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)));
        permit.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", null));
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision(permit);
        return consent;
    }

    private static Observation observation(String patient) {
        Observation observation = new Observation();
        observation.setSubject(new Reference(patient));
        return observation;
    }

    private static Condition condition(String patient) {
        Condition condition = new Condition();
        condition.setSubject(new Reference(patient));
        return condition;
    }

    private static RequestedOperation operation(RestOperationTypeEnum type, String resourceType, String id) {
        return new RequestedOperation(type, Optional.ofNullable(resourceType), Optional.ofNullable(id), Optional.empty());
    }
}
