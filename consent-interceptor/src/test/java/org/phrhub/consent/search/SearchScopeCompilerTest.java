package org.phrhub.consent.search;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.provisionDataComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;

/**
 * One patient's Consents in, the search parameters a reader's search of one type is narrowed by out.
 * Consents are written in the R4 model as patients write them (an opt-in: a root deny whose nested
 * permit names the reader); no server takes part.
 */
class SearchScopeCompilerTest {

    private static final String HANAKO = "Patient/hanako";
    private static final Instant NOW = Instant.parse("2025-06-15T03:00:00Z");

    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    private static final Code VITAL_SIGNS = new Code(OBSERVATION_CATEGORY, "vital-signs");
    private static final Code LABORATORY = new Code(OBSERVATION_CATEGORY, "laboratory");
    private static final Code RESTRICTED = new Code(CONFIDENTIALITY, "R");
    private static final Code VERY_RESTRICTED = new Code(CONFIDENTIALITY, "V");

    private static final Reader DR_SUZUKI = new Reader(
            new Requester("dr.suzuki", "hub-web", Optional.of(FhirUser.parse("Practitioner/dr-suzuki")), Set.of(HubRole.PHYSICIAN)),
            Set.of("Practitioner/dr-suzuki", "PractitionerRole/dr-suzuki-aizu", "Organization/aizu-clinic"), "TREAT");

    private final SearchScopeCompiler compiler = new SearchScopeCompiler(new ConsentDecisionEngine(false), FhirContext.forR4Cached());

    @Test
    void withoutConsentTheReaderFindsNothing() {
        assertThat(observations(List.of())).isEqualTo(new SearchScope.None());
    }

    @Test
    void optInForVitalSignsFindsVitalSignsOnlyAndNoRestrictedData() {
        Consent optIn = consent("optin", deny().addProvision(permitForSuzuki().addCode(category("vital-signs"))));

        assertThat(observations(List.of(optIn))).isEqualTo(new SearchScope.Filtered(
                new DataFilter("category", Set.of(VITAL_SIGNS), Map.of(), Set.of(RESTRICTED, VERY_RESTRICTED))));
    }

    @Test
    void nestedDenyOfLaboratoryExcludesLaboratory() {
        Consent allButLabs = consent("all-but-labs", permitForSuzuki().addProvision(deny().addCode(category("laboratory"))));

        assertThat(observations(List.of(allButLabs))).isEqualTo(new SearchScope.Filtered(
                new DataFilter(null, Set.of(), Map.of("category", Set.of(LABORATORY)), Set.of(RESTRICTED, VERY_RESTRICTED))));
    }

    @Test
    void restrictedLabelIsExcludedUnlessAPermitNamesIt() {
        Consent plain = consent("plain", permitForSuzuki());
        Consent namingR = consent("naming-r", permitForSuzuki().addSecurityLabel(new Coding(CONFIDENTIALITY, "R", null)));

        assertThat(observations(List.of(plain))).isEqualTo(new SearchScope.Filtered(
                new DataFilter(null, Set.of(), Map.of(), Set.of(RESTRICTED, VERY_RESTRICTED))));
        assertThat(observations(List.of(plain, namingR))).isEqualTo(new SearchScope.Filtered(
                new DataFilter(null, Set.of(), Map.of(), Set.of(VERY_RESTRICTED))));
    }

    @Test
    void consentLimitingByTheDataDateCannotBeSearched() {
        Consent lastYear = consent("last-year", permitForSuzuki().setDataPeriod(period("2024-01-01", "2024-12-31")));

        assertThat(observations(List.of(lastYear)))
                .isEqualTo(new SearchScope.Unexpressible("a Consent limits this data by its date"));
    }

    @Test
    void consentNamingSingleResourcesCannotBeSearched() {
        Consent oneReading = consent("one-reading", permitForSuzuki().addData(new provisionDataComponent()
                .setMeaning(Consent.ConsentDataMeaning.INSTANCE)
                .setReference(new Reference("Observation/bp-1"))));

        assertThat(observations(List.of(oneReading)))
                .isEqualTo(new SearchScope.Unexpressible("a Consent names single resources"));
    }

    @Test
    void consentsForAnotherReaderAreIgnored() {
        Consent forOther = consent("for-other", deny().addProvision(permit()
                .addActor(actor("Practitioner/other"))
                .addCode(category("laboratory"))
                .setDataPeriod(period("2024-01-01", "2024-12-31"))));

        assertThat(observations(List.of(forOther))).isEqualTo(new SearchScope.None());
    }

    private SearchScope observations(List<Consent> consents) {
        return compiler.compile(DR_SUZUKI, "Observation", HANAKO, consents, NOW);
    }

    private static Consent consent(String id, ProvisionComponent root) {
        Consent consent = new Consent();
        consent.setId("Consent/" + id);
        consent.setStatus(ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        consent.setPatient(new Reference(HANAKO));
        consent.setDateTimeElement(new DateTimeType("2025-01-10"));
        consent.setProvision(root);
        return consent;
    }

    private static ProvisionComponent permitForSuzuki() {
        return permit().addActor(actor("Practitioner/dr-suzuki"));
    }

    private static ProvisionComponent permit() {
        return new ProvisionComponent().setType(ConsentProvisionType.PERMIT);
    }

    private static ProvisionComponent deny() {
        return new ProvisionComponent().setType(ConsentProvisionType.DENY);
    }

    private static provisionActorComponent actor(String reference) {
        return new provisionActorComponent()
                .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRCP", null)))
                .setReference(new Reference(reference));
    }

    private static CodeableConcept category(String code) {
        return new CodeableConcept(new Coding(OBSERVATION_CATEGORY, code, null));
    }

    private static Period period(String start, String end) {
        return new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
    }
}
