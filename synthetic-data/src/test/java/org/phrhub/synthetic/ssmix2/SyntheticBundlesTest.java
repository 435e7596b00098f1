package org.phrhub.synthetic.ssmix2;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.vocabulary.JpCore;

/** The residents' histories as FHIR R4 transaction Bundles: parseable, valid, referencing within, repeatable. */
class SyntheticBundlesTest {

    private static final String INSTITUTION = SyntheticStorageTest.INSTITUTION;
    private static final SyntheticHistory PLAN = SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), 3, 42);
    private static final List<SyntheticResident> POPULATION = SyntheticResident.residents(20, 7);

    private static List<Bundle> parsed(List<Bundle> bundles) {
        IParser parser = R4Validation.FHIR.newJsonParser();
        return bundles.stream().map(bundle -> parser.parseResource(Bundle.class, parser.encodeResourceToString(bundle))).toList();
    }

    @Test
    void everyResourceOfEveryBundleIsValidR4() {
        List<Bundle> bundles = parsed(SyntheticBundles.bundles(POPULATION, PLAN, INSTITUTION));

        assertThat(bundles).hasSize(POPULATION.size());
        List<Resource> resources = new ArrayList<>();
        bundles.forEach(bundle -> bundle.getEntry().forEach(entry -> resources.add(entry.getResource())));
        R4Validation.assertValid(resources);
    }

    @Test
    void theBundleAsAWholeIsAValidTransaction() {
        Bundle bundle = SyntheticBundles.bundles(POPULATION, PLAN, INSTITUTION).getFirst();
        // The JP Core package is not loaded: its profiles are left out, as R4Validation does for one resource.
        bundle.getEntry().forEach(entry -> entry.getResource().getMeta().getProfile()
                .removeIf(profile -> profile.getValue().startsWith("http://jpfhir.jp/")));

        R4Validation.assertValid(List.of(bundle));
    }

    @Test
    void eachBundleHoldsTheResidentsHistoryReferencedByFullUrl() {
        List<ResidentHistory> histories = PLAN.of(POPULATION);
        List<Bundle> bundles = parsed(histories.stream().map(h -> SyntheticBundles.bundle(h, INSTITUTION)).toList());

        for (int i = 0; i < bundles.size(); i++) {
            Bundle bundle = bundles.get(i);
            ResidentHistory history = histories.get(i);
            String patientNumber = history.resident().patientNumber();
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            assertThat(bundle.getIdentifier().getSystem()).isEqualTo(SyntheticBundles.identifierSystem(INSTITUTION, "bundle"));
            assertThat(bundle.getIdentifier().getValue()).isEqualTo(patientNumber);
            assertThat(bundle.getTimestamp()).isNotNull();

            Map<String, Integer> perType = new TreeMap<>();
            Set<String> fullUrls = new HashSet<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                perType.merge(entry.getResource().fhirType(), 1, Integer::sum);
                assertThat(entry.getFullUrl()).matches("urn:uuid:[0-9a-f-]{36}");
                assertThat(fullUrls.add(entry.getFullUrl())).isTrue();
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                assertThat(entry.getRequest().getUrl()).isEqualTo(entry.getResource().fhirType());
                Identifier business = businessIdentifier(entry.getResource());
                // The value URL-encoded, as a server reads a search: "2+3" must not arrive as "2 3".
                assertThat(entry.getRequest().getIfNoneExist()).isEqualTo("identifier=" + business.getSystem() + "|"
                        + java.net.URLEncoder.encode(business.getValue(), java.nio.charset.StandardCharsets.UTF_8));
                if (!(entry.getResource() instanceof Patient)) {
                    assertThat(business.getSystem()).startsWith(SyntheticBundles.IDENTIFIER_PREFIX + INSTITUTION + "/");
                }
            }
            Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
            assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:1.2.392.100495.20.3.51.1" + INSTITUTION);
            assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(patientNumber);
            assertThat(patient.getName()).extracting(name -> name.getFamily() + " " + name.getGivenAsSingleString() + " "
                    + name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION).getValue().primitiveValue())
                    .containsExactly(history.resident().familyKanji() + " " + history.resident().givenKanji() + " IDE",
                            history.resident().familyKana() + " " + history.resident().givenKana() + " SYL");

            int visits = history.visits().size();
            int drugs = history.visits().stream().mapToInt(v -> v.prescription().drugs().size()).sum();
            int labs = history.visits().stream().mapToInt(v -> v.labPanel().results().size()).sum();
            assertThat(perType).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "Patient", 1,
                    "Encounter", visits,
                    "Condition", 1,
                    "AllergyIntolerance", history.allergies().allergies().size(),
                    "Observation", labs + 5 * visits,
                    "MedicationRequest", drugs));

            // Every reference names an entry of the same Bundle.
            String json = R4Validation.FHIR.newJsonParser().encodeResourceToString(bundle);
            java.util.regex.Matcher references = java.util.regex.Pattern.compile("\"reference\":\"([^\"]+)\"").matcher(json);
            int count = 0;
            while (references.find()) {
                assertThat(fullUrls).contains(references.group(1));
                count++;
            }
            assertThat(count).isGreaterThan(bundle.getEntry().size());
        }
    }

    @Test
    void theSameHistoryGivesTheSameBundle() {
        IParser parser = R4Validation.FHIR.newJsonParser();
        String first = parser.encodeResourceToString(SyntheticBundles.bundles(POPULATION, PLAN, INSTITUTION).get(3));
        String again = parser.encodeResourceToString(SyntheticBundles.bundles(SyntheticResident.residents(20, 7),
                SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), 3, 42), INSTITUTION).get(3));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void institutionCodeMustBeTenDigits() {
        ResidentHistory history = PLAN.of(POPULATION).getFirst();

        assertThatThrownBy(() -> SyntheticBundles.bundle(history, "12345")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Identifier businessIdentifier(Resource resource) {
        return switch (resource) {
            case Patient p -> p.getIdentifierFirstRep();
            case org.hl7.fhir.r4.model.Encounter e -> e.getIdentifierFirstRep();
            case org.hl7.fhir.r4.model.Condition c -> c.getIdentifierFirstRep();
            case org.hl7.fhir.r4.model.AllergyIntolerance a -> a.getIdentifierFirstRep();
            case org.hl7.fhir.r4.model.Observation o -> o.getIdentifierFirstRep();
            case org.hl7.fhir.r4.model.MedicationRequest m -> m.getIdentifierFirstRep();
            default -> throw new AssertionError("unexpected " + resource.fhirType());
        };
    }
}
