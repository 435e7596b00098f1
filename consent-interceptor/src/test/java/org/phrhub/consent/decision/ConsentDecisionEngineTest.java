package org.phrhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.codes.ConsentTerminology;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.HubRoles;
import org.phrhub.vocabulary.V3ActReason;
import org.phrhub.vocabulary.V3Confidentiality;

/**
 * The consent decision engine, with Consents written in the R4 model the way the FHIR R4 Consent
 * examples are shaped (consent-example-basic, -Out, -notThem, -notOrg, -notTime, -notLabs, -pkb,
 * -Emergency). Each test says which example it follows and where our reading of it differs.
 *
 * <p>Common ground of every Consent built here: status active, scope patient-privacy, category LOINC
 * 59284-0 (patient consent), as in the examples. Actors carry the role the examples use for a
 * recipient of data (v3-ParticipationType PRCP); R4 makes actor.role mandatory.
 */
class ConsentDecisionEngineTest {

    private static final String HANAKO = "Patient/hanako";
    private static final String TARO = "Patient/taro";

    /** The moment every decision is taken at, unless a test says otherwise. */
    private static final Instant NOW = Instant.parse("2025-06-15T03:00:00Z");

    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String HRESCH = "HRESCH";

    // Readers as the hub sees them: the person's own resource plus their roles' organizations.
    private static final Reader DR_SUZUKI = reader("dr.suzuki", "Practitioner/dr-suzuki", HubRole.PHYSICIAN,
            "PractitionerRole/dr-suzuki-aizu", "Organization/aizu-clinic");
    private static final Reader DR_OTHER = reader("dr.other", "Practitioner/other", HubRole.PHYSICIAN,
            "PractitionerRole/other-wakamatsu", "Organization/wakamatsu-hospital");
    private static final Reader PH_ITO = reader("ph.ito", "Practitioner/ph-ito", HubRole.PHARMACIST,
            "PractitionerRole/ph-ito-aizu", "Organization/aizu-pharmacy");
    /** A pharmacist who works at the same clinic as Dr. Suzuki. */
    private static final Reader PH_SATO = reader("ph.sato", "Practitioner/ph-sato", HubRole.PHARMACIST,
            "PractitionerRole/ph-sato-aizu", "Organization/aizu-clinic");

    private final ConsentDecisionEngine engine = new ConsentDecisionEngine(false);
    private final ConsentDecisionEngine engineWithBreakTheGlass = new ConsentDecisionEngine(true);
    private final DataDescriber describer = new DataDescriber(FhirContext.forR4Cached());

    // ---------------------------------------------------------------- default deny, opt-in, actors

    @Test
    @DisplayName("without any consent a clinician reads nothing of the patient")
    void withoutConsentEverythingIsDenied() {
        AccessDecision decision = read(DR_SUZUKI, vitalSigns("bp-1"), List.of());

        assertDeny(decision);
        assertThat(decision.reason())
                .contains("no active consent of " + HANAKO)
                .contains("Practitioner/dr-suzuki")
                .contains("read Observation");
        assertThat(decision.basis()).isEmpty();
    }

    // Follows consent-example-Out turned round. Out withholds data from one named actor under an
    // otherwise permissive policy; an opt-in Consent is its mirror image: a root deny without criteria
    // (nothing is shared) whose nested permit names the one actor who may read.
    @Test
    @DisplayName("opt-in consent permits the named practitioner only")
    void optInPermitsTheNamedPractitionerOnly() {
        Consent optIn = consent("optin", HANAKO, deny().addProvision(permit().addActor(actor("Practitioner/dr-suzuki"))));

        AccessDecision suzuki = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(optIn));
        AccessDecision other = read(DR_OTHER, vitalSigns("bp-1"), List.of(optIn));

        assertPermit(suzuki);
        assertThat(suzuki.reason()).contains(HANAKO + " permits Practitioner/dr-suzuki");
        assertThat(suzuki.basis()).containsExactly("Consent/optin#provision.provision[0]");
        assertDeny(other);
        // The root deny of an opt-in Consent means "nobody else", not an explicit denial of this reader.
        assertThat(other.reason()).contains("no active consent of " + HANAKO + " lets Practitioner/other");
        assertThat(other.basis()).isEmpty();
    }

    // The opt-in root deny is a baseline: it must not cancel what another Consent grants.
    @Test
    @DisplayName("opt-in baseline of one consent does not cancel the grant of another")
    void optInBaselineDoesNotOverrideAnotherConsentsPermit() {
        Consent optIn = consent("optin", HANAKO, deny().addProvision(permit().addActor(actor("Practitioner/dr-suzuki"))));
        Consent pharmacy = consent("pharmacy", HANAKO, permit().addActor(actor("Organization/aizu-pharmacy")));

        AccessDecision decision = read(PH_ITO, vitalSigns("bp-1"), List.of(optIn, pharmacy));

        assertPermit(decision);
        assertThat(decision.basis()).containsExactly("Consent/pharmacy#provision");
    }

    // Follows consent-example-basic ("all of the PHI ... available for normal treatment use") with two
    // differences: basic's root provision states neither a type nor an actor (the intent lives in its
    // policy rule); we state type permit and name the recipient organization as actor (role PRCP), as -pkb does.
    @Test
    @DisplayName("a consent naming an organization permits the practitioners acting for it")
    void organizationActorCoversItsPractitioners() {
        Consent basic = consent("basic", HANAKO, permit().addActor(actor("Organization/aizu-clinic")));

        AccessDecision suzuki = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(basic));
        AccessDecision other = read(DR_OTHER, vitalSigns("bp-1"), List.of(basic));

        assertPermit(suzuki);
        assertThat(suzuki.basis()).containsExactly("Consent/basic#provision");
        assertDeny(other);
        assertThat(other.reason()).contains("no active consent");
    }

    // Shape of -pkb (root permit for an organization). The actor's role carries, besides PRCP, a hub
    // role coding that narrows the organization to its members of that role: the hub's extension of
    // actor.role, which the R4 examples use only for participation types.
    @Test
    @DisplayName("an actor narrowed to the organization's pharmacists excludes its physicians")
    void hubRoleNarrowsOrganizationActor() {
        provisionActorComponent pharmacistsOfClinic = actor("Organization/aizu-clinic");
        pharmacistsOfClinic.getRole().addCoding(new Coding(HubRoles.SYSTEM, "pharmacist", null));
        Consent consent = consent("pharmacists", HANAKO, permit().addActor(pharmacistsOfClinic));

        AccessDecision physician = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(consent));
        AccessDecision pharmacist = read(PH_SATO, vitalSigns("bp-1"), List.of(consent));

        assertDeny(physician);
        assertThat(physician.reason()).contains("Practitioner/dr-suzuki");
        assertPermit(pharmacist);
        assertThat(pharmacist.basis()).containsExactly("Consent/pharmacists#provision");
    }

    @Test
    @DisplayName("a hub role code the hub does not know matches nobody")
    void unknownHubRoleMatchesNobody() {
        provisionActorComponent nurses = actor("Organization/aizu-clinic");
        nurses.getRole().addCoding(new Coding(HubRoles.SYSTEM, "nurse", null));
        Consent consent = consent("nurses", HANAKO, permit().addActor(nurses));

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(consent)));
        assertDeny(read(PH_SATO, vitalSigns("bp-1"), List.of(consent)));
    }

    // ---------------------------------------------------------------- purpose, class, code

    // Follows consent-example-Emergency in naming the purpose of use in provision.purpose (v3-ActReason).
    @Test
    @DisplayName("a consent for treatment does not let the same reader read for research")
    void purposeMismatchIsDenied() {
        Consent forTreatment = consent("treat", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.TREAT, null)));

        AccessDecision research = read(withPurpose(DR_SUZUKI, HRESCH), vitalSigns("bp-1"), List.of(forTreatment));
        AccessDecision treatment = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(forTreatment));

        assertDeny(research);
        assertThat(research.reason()).contains("for " + HRESCH).contains("no active consent");
        assertPermit(treatment);
        assertThat(treatment.reason()).contains("for " + V3ActReason.TREAT);
    }

    // consent-example-smartonfhir names the resource type in provision.class (resource-types system).
    @Test
    @DisplayName("provision.class Observation permits Observations but not Conditions")
    void classLimitsToResourceType() {
        Consent observationsOnly = consent("obs", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addClass_(new Coding(ConsentTerminology.RESOURCE_TYPES_SYSTEM, "Observation", null)));

        AccessDecision observation = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(observationsOnly));
        AccessDecision condition = read(DR_SUZUKI, problem("dm-1"), List.of(observationsOnly));

        assertPermit(observation);
        assertDeny(condition);
        assertThat(condition.reason()).contains("read Condition");
    }

    // provision.code names a category of the data (observation-category), as the R4 element definition
    // allows ("e.g. a LOINC code or a category"); the examples themselves only use LOINC document codes.
    @Test
    @DisplayName("provision.code vital-signs permits vital signs and not laboratory results")
    void codeLimitsToObservationCategory() {
        Consent vitalsOnly = consent("vitals", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addCode(concept(OBSERVATION_CATEGORY, "vital-signs")));

        assertPermit(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(vitalsOnly)));
        assertDeny(read(DR_SUZUKI, laboratory("hba1c-1"), List.of(vitalsOnly)));
    }

    @Test
    @DisplayName("provision.code matches on system and code, not on the code alone")
    void codeFromAnotherSystemDoesNotMatch() {
        Consent otherSystem = consent("other-system", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addCode(concept("http://example.org/local-categories", "vital-signs")));

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(otherSystem)));
    }

    // Follows consent-example-notLabs (withhold lab results) nested inside a permit for one
    // practitioner: the nested deny is an exception to the root permit. notLabs identifies labs by
    // resource type; we identify them by the observation category "laboratory".
    @Test
    @DisplayName("a nested deny of laboratory results withholds them inside a permit")
    void nestedDenyOfLaboratoryInsidePermit() {
        Consent noLabs = consent("nolabs", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addProvision(deny().addCode(concept(OBSERVATION_CATEGORY, "laboratory"))));

        AccessDecision lab = read(DR_SUZUKI, laboratory("hba1c-1"), List.of(noLabs));
        AccessDecision vitals = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(noLabs));

        assertDeny(lab);
        assertThat(lab.reason()).contains(HANAKO + " denies Practitioner/dr-suzuki");
        assertThat(lab.basis()).containsExactly("Consent/nolabs#provision.provision[0]");
        assertPermit(vitals);
        assertThat(vitals.basis()).containsExactly("Consent/nolabs#provision");
    }

    // ---------------------------------------------------------------- several consents

    // consent-example-basic (permit for the clinic) plus consent-example-notThem (withhold from one
    // individual within that organization, as a root deny naming the individual).
    @Test
    @DisplayName("an explicit deny of the reader in one consent beats a permit in another")
    void explicitDenyWinsAcrossConsents() {
        Consent clinic = consent("clinic", HANAKO, permit().addActor(actor("Organization/aizu-clinic")));
        Consent notThem = consent("not-suzuki", HANAKO, deny().addActor(actor("Practitioner/dr-suzuki")));

        AccessDecision decision = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(clinic, notThem));

        assertDeny(decision);
        assertThat(decision.reason()).contains(HANAKO + " denies Practitioner/dr-suzuki");
        assertThat(decision.basis()).containsExactly("Consent/not-suzuki#provision");
        // The deny names one person; his colleague at the clinic is still permitted.
        assertPermit(read(PH_SATO, vitalSigns("bp-1"), List.of(clinic, notThem)));
    }

    // consent-example-notOrg: a root deny naming an organization, for the actions access and correct.
    @Test
    @DisplayName("a deny naming the reader's organization beats a permit naming the reader")
    void organizationDenyBeatsPersonalPermit() {
        Consent suzuki = consent("suzuki", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")));
        Consent notOrg = consent("not-clinic", HANAKO, deny()
                .addActor(actor("Organization/aizu-clinic"))
                .addAction(action(ConsentTerminology.ACTION_ACCESS))
                .addAction(action(ConsentTerminology.ACTION_CORRECT)));

        AccessDecision decision = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(suzuki, notOrg));

        assertDeny(decision);
        assertThat(decision.basis()).containsExactly("Consent/not-clinic#provision");
    }

    @Test
    @DisplayName("an inactive consent is ignored, whether it permits or denies")
    void inactiveConsentIsIgnored() {
        Consent revokedPermit = consent("revoked", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")))
                .setStatus(ConsentState.INACTIVE);
        Consent permitting = consent("clinic", HANAKO, permit().addActor(actor("Organization/aizu-clinic")));
        Consent revokedDeny = consent("revoked-deny", HANAKO, deny().addActor(actor("Practitioner/dr-suzuki")))
                .setStatus(ConsentState.INACTIVE);

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(revokedPermit)));
        AccessDecision decision = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(permitting, revokedDeny));
        assertPermit(decision);
        assertThat(decision.basis()).containsExactly("Consent/clinic#provision");
    }

    @Test
    @DisplayName("a draft or rejected consent grants nothing")
    void onlyActiveConsentsCount() {
        for (ConsentState state : List.of(ConsentState.DRAFT, ConsentState.PROPOSED, ConsentState.REJECTED,
                ConsentState.ENTEREDINERROR)) {
            Consent consent = consent("c-" + state.toCode(), HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")))
                    .setStatus(state);
            assertThat(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(consent)).isPermit())
                    .as("consent with status %s", state.toCode())
                    .isFalse();
        }
    }

    @Test
    @DisplayName("a consent whose scope is not patient privacy does not decide data access")
    void nonPrivacyScopeIsIgnored() {
        Consent research = consent("research", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")));
        research.getScope().getCodingFirstRep().setCode("research");

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(research)));
    }

    // ---------------------------------------------------------------- time

    // consent-example-basic bounds its root provision with a period that has long ended; R4 defines
    // provision.period as "the timeframe in this rule is valid".
    @Test
    @DisplayName("a consent whose period has ended is ignored")
    void expiredPeriodIsIgnored() {
        Consent expired = consent("expired", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .setPeriod(period("2024-01-01", "2025-03-31")));
        Consent current = consent("current", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .setPeriod(period("2025-01-01", "2025-12-31")));
        Consent notYet = consent("future", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .setPeriod(period("2025-07-01", null)));

        AccessDecision afterExpiry = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(expired));

        assertDeny(afterExpiry);
        assertThat(afterExpiry.reason()).contains("no active consent");
        assertPermit(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(current)));
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(notYet)));
    }

    @Test
    @DisplayName("an expired nested permit no longer grants, while its siblings still do")
    void expiredNestedPermitIsIgnored() {
        Consent optIn = consent("optin", HANAKO, deny()
                .addProvision(permit().addActor(actor("Practitioner/dr-suzuki")).setPeriod(period("2024-01-01", "2024-12-31")))
                .addProvision(permit().addActor(actor("Organization/aizu-pharmacy"))));

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(optIn)));
        AccessDecision pharmacy = read(PH_ITO, vitalSigns("bp-1"), List.of(optIn));
        assertPermit(pharmacy);
        assertThat(pharmacy.basis()).containsExactly("Consent/optin#provision.provision[1]");
    }

    @Test
    // A date without time is a day on the server's clock; the instants below lie on either side of
    // the end of that day whatever the clock's time zone.
    @DisplayName("a period ending on a date includes that whole day")
    void periodEndDateIsInclusive() {
        Consent untilMidJune = consent("june", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .setPeriod(period("2025-01-01", "2025-06-15")));

        assertPermit(engine.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(untilMidJune), AccessKind.READ,
                Instant.parse("2025-06-15T06:00:00Z")));
        assertDeny(engine.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(untilMidJune), AccessKind.READ,
                Instant.parse("2025-06-16T13:00:00Z")));
    }

    // R4 provision.dataPeriod: "clinical or operational relevant period of time that bounds the data
    // controlled by this rule". The data's date is its effective[x].
    @Test
    @DisplayName("provision.dataPeriod permits only data from within that time")
    void dataPeriodLimitsByDataDate() {
        Consent only2024 = consent("y2024", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .setDataPeriod(period("2024-01-01", "2024-12-31")));

        assertPermit(read(DR_SUZUKI, vitalSigns("bp-2024", "2024-06-01T09:00:00Z"), List.of(only2024)));
        assertPermit(read(DR_SUZUKI, vitalSigns("bp-eoy", "2024-12-31T06:00:00Z"), List.of(only2024)));
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-2025", "2025-02-01T09:00:00Z"), List.of(only2024)));
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-2023", "2023-12-30T09:00:00Z"), List.of(only2024)));
        // Data that does not say when it is from is not shown under a time-bounded permit.
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-undated", null), List.of(only2024)));
    }

    // consent-example-notTime (withhold a specific timeframe), expressed as a nested deny with a
    // dataPeriod inside a permit. Undated data might be from the withheld time, so it is withheld too.
    @Test
    @DisplayName("a deny of a timeframe withholds data from it and data without a date")
    void dataPeriodDenyWithholdsUndatedData() {
        Consent notTime = consent("nottime", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addProvision(deny().setDataPeriod(period("2024-04-01", "2024-09-30"))));

        assertDeny(read(DR_SUZUKI, vitalSigns("bp-summer", "2024-07-01T09:00:00Z"), List.of(notTime)));
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-undated", null), List.of(notTime)));
        assertPermit(read(DR_SUZUKI, vitalSigns("bp-winter", "2024-12-01T09:00:00Z"), List.of(notTime)));
    }

    // ---------------------------------------------------------------- security labels

    // consent-example-pkb grants per security label (a permit whose securityLabel names the label).
    // Our reading: data labelled R (or V) is shown only under a permit that names the label; a permit
    // without labels covers unlabelled and normally labelled data.
    @Test
    @DisplayName("restricted data is denied unless the permitting provision names label R")
    void restrictedLabelNeedsANamingPermit() {
        Consent plain = consent("plain", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")));
        Consent naming = consent("naming", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addSecurityLabel(new Coding(V3Confidentiality.SYSTEM, "R", null)));
        DataDescription restricted = labelled("psy-1", "R");

        AccessDecision underPlain = read(DR_SUZUKI, restricted, List.of(plain));
        AccessDecision underNaming = read(DR_SUZUKI, restricted, List.of(plain, naming));

        assertDeny(underPlain);
        assertThat(underPlain.reason()).contains("labelled restricted (R)").contains("names that label");
        assertThat(underPlain.basis()).containsExactly("Consent/plain#provision");
        assertPermit(underNaming);
        assertThat(underNaming.basis()).containsExactly("Consent/naming#provision");
        // Normally labelled data needs no naming permit.
        assertPermit(read(DR_SUZUKI, labelled("bp-n", "N"), List.of(plain)));
    }

    // -pkb shape: a root permit for the organization with nested permits per label.
    @Test
    @DisplayName("a label named by an enclosing provision covers the nested permit that decides")
    void restrictedLabelNamedByAncestorCounts() {
        Consent pkb = consent("pkb", HANAKO, permit()
                .addActor(actor("Organization/aizu-clinic"))
                .addSecurityLabel(new Coding(V3Confidentiality.SYSTEM, "R", null))
                .addProvision(permit().addCode(concept(OBSERVATION_CATEGORY, "vital-signs"))));

        AccessDecision decision = read(DR_SUZUKI, labelled("psy-1", "R"), List.of(pkb));

        assertPermit(decision);
        assertThat(decision.basis()).containsExactly("Consent/pkb#provision.provision[0]");
    }

    @Test
    @DisplayName("a permit naming label R does not cover data that is also labelled V")
    void everyRestrictedLabelMustBeNamed() {
        Consent namingR = consent("naming-r", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addSecurityLabel(new Coding(V3Confidentiality.SYSTEM, "R", null)));

        AccessDecision decision = read(DR_SUZUKI, labelled("psy-2", "R", "V"), List.of(namingR));

        assertDeny(decision);
        assertThat(decision.reason()).contains("labelled restricted (R, V)");
    }

    // ---------------------------------------------------------------- actions

    // consent-example-grantor / -pkb limit the actions to "access" (read-only).
    @Test
    @DisplayName("a consent restricted to action access permits reading but not writing")
    void accessActionPermitsReadNotWrite() {
        Consent readOnly = consent("readonly", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addAction(action(ConsentTerminology.ACTION_ACCESS)));
        Consent correct = consent("correct", HANAKO, permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addAction(action(ConsentTerminology.ACTION_CORRECT)));

        assertPermit(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(readOnly)));
        AccessDecision write = engine.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(readOnly), AccessKind.WRITE, NOW);
        assertDeny(write);
        assertThat(write.reason()).contains("write Observation");
        assertPermit(engine.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(correct), AccessKind.WRITE, NOW));
        assertDeny(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(correct)));
    }

    // ---------------------------------------------------------------- break-the-glass

    @Test
    @DisplayName("emergency treatment is refused when break-the-glass is switched off")
    void emergencyRefusedWhenSwitchedOff() {
        AccessDecision decision = read(withPurpose(DR_SUZUKI, V3ActReason.ETREAT), vitalSigns("bp-1"), List.of());

        assertDeny(decision);
        assertThat(decision.reason()).contains("ETREAT").contains("switched off");
    }

    @Test
    @DisplayName("emergency treatment lets a physician read and says it was an emergency")
    void emergencyPermitsPhysician() {
        AccessDecision decision = engineWithBreakTheGlass.decide(withPurpose(DR_SUZUKI, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(), AccessKind.READ, NOW);

        assertPermit(decision);
        assertThat(((AccessDecision.Permit) decision).emergency()).isTrue();
        assertThat(decision.reason()).contains("break-the-glass").contains("Practitioner/dr-suzuki");
        assertThat(decision.basis()).isEmpty();
        // An ordinary consent permit is not an emergency.
        Consent basic = consent("basic", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")));
        AccessDecision ordinary = engineWithBreakTheGlass.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(basic), AccessKind.READ, NOW);
        assertThat(((AccessDecision.Permit) ordinary).emergency()).isFalse();
    }

    @Test
    @DisplayName("emergency treatment does not let a pharmacist read, nor a physician write")
    void emergencyIsForPhysiciansReadingOnly() {
        AccessDecision pharmacist = engineWithBreakTheGlass.decide(withPurpose(PH_ITO, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(), AccessKind.READ, NOW);
        AccessDecision write = engineWithBreakTheGlass.decide(withPurpose(DR_SUZUKI, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(), AccessKind.WRITE, NOW);

        assertDeny(pharmacist);
        assertThat(pharmacist.reason()).contains("only physicians");
        assertDeny(write);
    }

    @Test
    @DisplayName("a patient's own permit for emergency treatment holds while break-the-glass is switched off")
    void patientsEmergencyPermitHoldsWithoutBreakTheGlass() {
        Consent emergencyOnly = consent("emergency", HANAKO, deny().addProvision(permit()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.ETREAT, null))));

        AccessDecision emergency = read(withPurpose(DR_SUZUKI, V3ActReason.ETREAT), vitalSigns("bp-1"), List.of(emergencyOnly));
        AccessDecision treatment = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(emergencyOnly));
        AccessDecision otherDoctor = read(withPurpose(DR_OTHER, V3ActReason.ETREAT), vitalSigns("bp-1"), List.of(emergencyOnly));

        assertPermit(emergency);
        assertThat(((AccessDecision.Permit) emergency).emergency()).as("granted by the Consent, not by break-the-glass").isFalse();
        assertThat(emergency.basis()).containsExactly("Consent/emergency#provision.provision[0]");
        assertDeny(treatment);
        assertDeny(otherDoctor);
        assertThat(otherDoctor.reason()).contains("switched off");
    }

    @Test
    @DisplayName("break-the-glass overrides a deny that does not speak of emergencies")
    void breakTheGlassOverridesAGeneralDeny() {
        Consent notSuzuki = consent("not-suzuki", HANAKO, deny().addActor(actor("Practitioner/dr-suzuki")));

        AccessDecision emergency = engineWithBreakTheGlass.decide(withPurpose(DR_SUZUKI, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(notSuzuki), AccessKind.READ, NOW);
        AccessDecision treatment = engineWithBreakTheGlass.decide(DR_SUZUKI, vitalSigns("bp-1"), List.of(notSuzuki), AccessKind.READ, NOW);

        assertPermit(emergency);
        assertThat(((AccessDecision.Permit) emergency).emergency()).isTrue();
        assertDeny(treatment);
    }

    @Test
    @DisplayName("a patient's explicit refusal of emergency access holds against break-the-glass")
    void explicitEmergencyRefusalHoldsAgainstBreakTheGlass() {
        Consent noEmergencyAccess = consent("no-etreat", HANAKO, deny()
                .addActor(actor("Practitioner/dr-suzuki"))
                .addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.ETREAT, null)));

        AccessDecision suzuki = engineWithBreakTheGlass.decide(withPurpose(DR_SUZUKI, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(noEmergencyAccess), AccessKind.READ, NOW);
        AccessDecision other = engineWithBreakTheGlass.decide(withPurpose(DR_OTHER, V3ActReason.ETREAT),
                vitalSigns("bp-1"), List.of(noEmergencyAccess), AccessKind.READ, NOW);

        assertDeny(suzuki);
        assertThat(suzuki.reason()).contains("denies").contains("ETREAT");
        assertThat(suzuki.basis()).containsExactly("Consent/no-etreat#provision");
        assertPermit(other);
        assertThat(((AccessDecision.Permit) other).emergency()).isTrue();
    }

    // ---------------------------------------------------------------- basis

    @Test
    @DisplayName("the decision names the consent and the path of the provision that decided")
    void basisNamesConsentAndProvisionPath() {
        // Clinic may read; labs are withheld from the clinic except from Dr. Suzuki.
        Consent c1 = consent("c1", HANAKO, permit()
                .addActor(actor("Organization/aizu-clinic"))
                .addProvision(permit().addCode(concept(OBSERVATION_CATEGORY, "vital-signs")))
                .addProvision(deny()
                        .addCode(concept(OBSERVATION_CATEGORY, "laboratory"))
                        .addProvision(permit().addActor(actor("Practitioner/dr-suzuki")))));

        AccessDecision vitals = read(PH_SATO, vitalSigns("bp-1"), List.of(c1));
        AccessDecision labForSato = read(PH_SATO, laboratory("hba1c-1"), List.of(c1));
        AccessDecision labForSuzuki = read(DR_SUZUKI, laboratory("hba1c-1"), List.of(c1));

        assertPermit(vitals);
        assertThat(vitals.basis()).containsExactly("Consent/c1#provision.provision[0]");
        assertDeny(labForSato);
        assertThat(labForSato.basis()).containsExactly("Consent/c1#provision.provision[1]");
        assertPermit(labForSuzuki);
        assertThat(labForSuzuki.basis()).containsExactly("Consent/c1#provision.provision[1].provision[0]");
    }

    @Test
    @DisplayName("the basis names every consent that permits")
    void basisListsAllPermittingConsents() {
        Consent clinic = consent("clinic", HANAKO, permit().addActor(actor("Organization/aizu-clinic")));
        Consent personal = consent("personal", HANAKO, deny().addProvision(permit().addActor(actor("Practitioner/dr-suzuki"))));

        AccessDecision decision = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(clinic, personal));

        assertPermit(decision);
        assertThat(decision.basis()).containsExactlyInAnyOrder("Consent/clinic#provision", "Consent/personal#provision.provision[0]");
    }

    // ---------------------------------------------------------------- patient

    @Test
    @DisplayName("a consent of another patient is ignored")
    void consentOfAnotherPatientIsIgnored() {
        Consent taroPermits = consent("taro-permits", TARO, permit().addActor(actor("Practitioner/dr-suzuki")));
        Consent taroDenies = consent("taro-denies", TARO, deny().addActor(actor("Practitioner/dr-suzuki")));
        Consent hanakoPermits = consent("hanako-permits", HANAKO, permit().addActor(actor("Practitioner/dr-suzuki")));

        AccessDecision onlyTaros = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(taroPermits));
        AccessDecision mixed = read(DR_SUZUKI, vitalSigns("bp-1"), List.of(taroDenies, hanakoPermits));

        assertDeny(onlyTaros);
        assertThat(onlyTaros.reason()).contains("no active consent of " + HANAKO);
        assertPermit(mixed);
        assertThat(mixed.basis()).containsExactly("Consent/hanako-permits#provision");
    }

    @Test
    @DisplayName("a consent naming its patient by absolute or versioned reference still counts")
    void consentPatientReferenceIsNormalised() {
        Consent absolute = consent("absolute", "https://hub.example/fhir/Patient/hanako",
                permit().addActor(actor("Practitioner/dr-suzuki")));
        Consent versioned = consent("versioned", "Patient/hanako/_history/2",
                permit().addActor(actor("Practitioner/dr-suzuki")));

        assertPermit(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(absolute)));
        assertPermit(read(DR_SUZUKI, vitalSigns("bp-1"), List.of(versioned)));
    }

    // ---------------------------------------------------------------- regression

    // An opt-in Consent valid for a period (root deny + provision.period + nested permit) is still an
    // opt-in baseline: the root period only says when the Consent is in force, it does not turn
    // "nobody else" into an explicit denial that overrides the patient's other Consents. Compare
    // "opt-in baseline of one consent does not cancel the grant of another", which differs only by the period.
    @Test
    @DisplayName("a time-bounded opt-in consent does not cancel the grant of another consent")
    void timeBoundedOptInBaselineDoesNotOverrideAnotherConsentsPermit() {
        Consent optIn = consent("optin-2025", HANAKO, deny()
                .setPeriod(period("2025-01-01", "2025-12-31"))
                .addProvision(permit().addActor(actor("Practitioner/dr-suzuki"))));
        Consent pharmacy = consent("pharmacy", HANAKO, permit().addActor(actor("Organization/aizu-pharmacy")));

        AccessDecision decision = read(PH_ITO, vitalSigns("bp-1"), List.of(optIn, pharmacy));

        assertThat(decision.isPermit())
                .as("decision %s (%s, basis %s)", decision.getClass().getSimpleName(), decision.reason(), decision.basis())
                .isTrue();
        assertThat(decision.basis()).containsExactly("Consent/pharmacy#provision");
    }

    // ================================================================ helpers

    private AccessDecision read(Reader reader, DataDescription data, List<Consent> consents) {
        return engine.decide(reader, data, consents, AccessKind.READ, NOW);
    }

    private static void assertPermit(AccessDecision decision) {
        assertThat(decision)
                .as("expected a permit, got: %s (basis %s)", decision.reason(), decision.basis())
                .isInstanceOf(AccessDecision.Permit.class);
    }

    private static void assertDeny(AccessDecision decision) {
        assertThat(decision)
                .as("expected a deny, got: %s (basis %s)", decision.reason(), decision.basis())
                .isInstanceOf(AccessDecision.Deny.class);
    }

    private static Reader reader(String subject, String fhirUser, HubRole role, String... actingFor) {
        Requester requester = new Requester(subject, "hub-web", Optional.of(FhirUser.parse(fhirUser)), Set.of(role));
        Set<String> actors = new HashSet<>(Arrays.asList(actingFor));
        actors.add(fhirUser);
        return new Reader(requester, actors, V3ActReason.TREAT);
    }

    private static Reader withPurpose(Reader reader, String purpose) {
        return new Reader(reader.requester(), reader.actorReferences(), purpose);
    }

    // ---- data, described from R4 resources the way the hub describes stored data

    private DataDescription vitalSigns(String id) {
        return vitalSigns(id, "2025-05-01T09:00:00Z");
    }

    private DataDescription vitalSigns(String id, String effective) {
        return describe(observation(id, "vital-signs", "85354-9", effective));
    }

    private DataDescription laboratory(String id) {
        return describe(observation(id, "laboratory", "4548-4", "2025-05-01T09:00:00Z"));
    }

    /** A vital-signs Observation carrying these v3-Confidentiality labels in meta.security. */
    private DataDescription labelled(String id, String... confidentiality) {
        Observation observation = observation(id, "vital-signs", "85354-9", "2025-05-01T09:00:00Z");
        for (String code : confidentiality) {
            observation.getMeta().addSecurity(V3Confidentiality.SYSTEM, code, null);
        }
        return describe(observation);
    }

    private DataDescription problem(String id) {
        Condition condition = new Condition();
        condition.setId("Condition/" + id);
        condition.setSubject(new Reference(HANAKO));
        condition.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item"));
        condition.setCode(concept("http://snomed.info/sct", "44054006"));
        condition.setRecordedDateElement(new DateTimeType("2025-05-01T09:00:00Z"));
        return describe(condition);
    }

    private static Observation observation(String id, String category, String loinc, String effective) {
        Observation observation = new Observation();
        observation.setId("Observation/" + id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setSubject(new Reference(HANAKO));
        observation.addCategory(concept(OBSERVATION_CATEGORY, category));
        observation.setCode(concept("http://loinc.org", loinc));
        if (effective != null) {
            observation.setEffective(new DateTimeType(effective));
        }
        return observation;
    }

    private DataDescription describe(Resource resource) {
        return describer.describe(resource, HANAKO);
    }

    // ---- consents

    private static Consent consent(String id, String patient, ProvisionComponent root) {
        Consent consent = new Consent();
        consent.setId("Consent/" + id);
        consent.setStatus(ConsentState.ACTIVE);
        consent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", ConsentTerminology.PATIENT_PRIVACY));
        consent.addCategory(concept("http://loinc.org", "59284-0"));
        consent.setPatient(new Reference(patient));
        consent.setDateTimeElement(new DateTimeType("2025-01-10"));
        consent.setProvision(root);
        return consent;
    }

    private static ProvisionComponent permit() {
        return new ProvisionComponent().setType(ConsentProvisionType.PERMIT);
    }

    private static ProvisionComponent deny() {
        return new ProvisionComponent().setType(ConsentProvisionType.DENY);
    }

    /** An actor as the examples write a recipient of data: role PRCP and a reference. */
    private static provisionActorComponent actor(String reference) {
        return new provisionActorComponent()
                .setRole(concept(PARTICIPATION_TYPE, "PRCP"))
                .setReference(new Reference(reference));
    }

    private static CodeableConcept action(String code) {
        return concept(ConsentTerminology.ACTION_SYSTEM, code);
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static Period period(String start, String end) {
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return period;
    }
}
