package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Resources with contained resources and nested extensions, generated at random from a fixed seed, read
 * back on every path (read, search, {@code _include}, {@code $everything}) by their patient, by a
 * clinician the patient opted in for and by one without a Consent. Contained resources are part of their
 * container: they travel with it where it may be seen, vanish with it where not, and no answer fails.
 */
class ContainedResourcesFuzzTest extends FhirServerIntegrationTest {

    /** Fixed, so that a failure can be replayed; the log names each generated resource. */
    private static final long SEED = 20261201L;
    private static final int RESOURCES = 24;

    @Autowired
    private DaoRegistry daos;

    @Test
    void clinicianAndOutsiderGetAnswersNeverAServerErrorAndSeeExactlyWhatTheConsentAllows() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit("Practitioner/dr-suzuki", "TREAT")));
        List<Resource> stored = storeRandomRecord(records, record.patient(), 4, new Random(SEED));

        for (Resource resource : stored) {
            String reference = reference(resource);
            Response suzuki = fhir.get(reference, Tokens.user("dr.suzuki"));
            assertThat(suzuki.status()).as(reference + ": " + suzuki.body()).isEqualTo(200);
            assertThat(containedIds(suzuki.resource(resource.getClass()))).as(reference).isEqualTo(containedIds(resource));
            Response sato = fhir.get(reference, Tokens.user("dr.sato"));
            assertThat(sato.status()).as(reference + ": " + sato.body()).isEqualTo(404);
        }
        for (String type : typesOf(stored)) {
            String search = type + "?patient=" + record.patient() + "&_count=200";
            assertSearchFinds(search, Tokens.user("dr.suzuki"), stored, type);
            assertSearchFinds(search + "&_include=*", Tokens.user("dr.suzuki"), stored, type);
            Response outsider = fhir.get(search, Tokens.user("dr.sato"));
            assertThat(outsider.status()).as(outsider.body()).isEqualTo(200);
            assertThat(outsider.bundle().getEntry()).as(search + " by dr.sato").isEmpty();
        }
        Response everything = fhir.get(record.patient() + "/$everything?_count=500", Tokens.user("dr.suzuki"));
        assertThat(everything.status()).as(everything.body()).isEqualTo(200);
        assertThat(ConsentMatrixTest.references(everything.bundle())).containsAll(stored.stream().map(r -> reference(r)).toList());
        Response outsiderEverything = fhir.get(record.patient() + "/$everything?_count=500", Tokens.user("dr.sato"));
        assertThat(outsiderEverything.status()).as(outsiderEverything.body()).isEqualTo(200);
        List<String> outsiderSees = ConsentMatrixTest.references(outsiderEverything.bundle());
        assertThat(outsiderSees).as("dr.sato's $everything").doesNotContain(record.patient())
                .doesNotContainAnyElementsOf(stored.stream().map(r -> reference(r)).toList());
    }

    @Test
    void thePatientReadsTheirOwnRecordWithEveryContainedResourceOnEveryPath() {
        PatientRecords records = new PatientRecords(daos);
        // Taro signs in; his resources are of the types no other test counts in his record.
        List<Resource> stored = storeRandomRecord(records, "Patient/taro", 2, new Random(SEED + 1));

        for (Resource resource : stored) {
            Response own = fhir.get(reference(resource), Tokens.user("taro"));
            assertThat(own.status()).as(reference(resource) + ": " + own.body()).isEqualTo(200);
            assertThat(containedIds(own.resource(resource.getClass()))).isEqualTo(containedIds(resource));
            Response other = fhir.get(reference(resource), Tokens.user("hanako"));
            assertThat(other.status()).as(reference(resource)).isEqualTo(404);
        }
        for (String type : typesOf(stored)) {
            String search = type + "?subject=Patient/taro&_count=200";
            assertSearchFinds(search, Tokens.user("taro"), stored, type);
            assertSearchFinds(search + "&_include=*&_revinclude=Provenance:target", Tokens.user("taro"), stored, type);
        }
        Response everything = fhir.get("Patient/taro/$everything?_count=1000", Tokens.user("taro"));
        assertThat(everything.status()).as(everything.body()).isEqualTo(200);
        assertThat(ConsentMatrixTest.references(everything.bundle())).containsAll(stored.stream().map(r -> reference(r)).toList());
    }

    private void assertSearchFinds(String search, String token, List<Resource> stored, String type) {
        Response response = fhir.get(search, token);
        assertThat(response.status()).as(search + ": " + response.body()).isEqualTo(200);
        Bundle bundle = response.bundle();
        List<String> expected = stored.stream().filter(r -> r.fhirType().equals(type)).map(r -> reference(r)).toList();
        assertThat(ConsentMatrixTest.references(bundle)).as(search).containsAll(expected);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            stored.stream().filter(r -> reference(r).equals(reference(entry.getResource()))).findFirst()
                    .ifPresent(original -> assertThat(containedIds(entry.getResource())).as(reference(original))
                            .isEqualTo(containedIds(original)));
        }
    }

    /** Resources of the patient, each with 0 to 4 contained resources and extensions nested up to 3 deep. */
    private static List<Resource> storeRandomRecord(PatientRecords records, String patient, int kinds, Random random) {
        List<Resource> stored = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            DomainResource container = container(i % kinds, patient);
            int contained = random.nextInt(5);
            for (int c = 0; c < contained; c++) {
                Resource inner = containable(random, patient);
                inner.setId("c" + c);
                container.addContained(inner);
                // Referenced from the container, as FHIR requires of a contained resource.
                container.addExtension(new Extension("https://phr-hub.example/fhir/StructureDefinition/test-contained-ref",
                        new Reference("#c" + c)));
            }
            container.addExtension(nestedExtension(random, patient, 3));
            container.setId(patient.substring("Patient/".length()) + "-fuzz-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
            records.store(container);
            stored.add(container);
        }
        return stored;
    }

    /** Types hospitals send with contained resources; the first two are counted nowhere else in taro's record. */
    private static DomainResource container(int kind, String patient) {
        Reference subject = new Reference(patient);
        return switch (kind) {
            case 0 -> new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(subject)
                    .setCode(concept("http://snomed.info/sct", "80146002"));
            case 1 -> new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN)
                    .setSubject(subject);
            case 2 -> new Condition().setSubject(subject).setCode(concept("http://hl7.org/fhir/sid/icd-10", "Z99.9"))
                    .addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis"));
            default -> new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED)
                    .setIntent(MedicationRequest.MedicationRequestIntent.ORDER).setSubject(subject)
                    .setMedication(concept("urn:oid:1.2.392.200119.4.403.1", "105271807"));
        };
    }

    /** What hospitals contain: the visit, a mixed medication, the people and places, a result, a patient. */
    private static Resource containable(Random random, String patient) {
        return switch (random.nextInt(7)) {
            case 0 -> new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                    .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
            case 1 -> new Encounter().setStatus(Encounter.EncounterStatus.FINISHED).setSubject(new Reference(patient))
                    .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
            case 2 -> new Medication().setCode(concept("urn:oid:1.2.392.200119.4.403.1", "620007340"));
            case 3 -> new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setText("担当 医師"));
            case 4 -> new Organization().setName("会津中央病院");
            case 5 -> new Observation().setStatus(Observation.ObservationStatus.FINAL)
                    .setCode(concept("http://loinc.org", "8867-4")).setSubject(new Reference(random.nextBoolean() ? patient : "Patient/hanako"));
            default -> new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setText("別の 人"));
        };
    }

    private static Extension nestedExtension(Random random, String patient, int depth) {
        Extension extension = new Extension("https://phr-hub.example/fhir/StructureDefinition/test-nested-" + depth);
        if (depth == 0 || random.nextInt(3) == 0) {
            extension.setValue(random.nextBoolean() ? new StringType("値 " + random.nextInt(1000))
                    : new Reference(random.nextBoolean() ? patient : "Patient/hanako"));
            return extension;
        }
        for (int i = 0; i <= random.nextInt(3); i++) {
            extension.addExtension(nestedExtension(random, patient, depth - 1));
        }
        return extension;
    }

    private static Set<String> typesOf(List<Resource> resources) {
        Set<String> types = new LinkedHashSet<>();
        resources.forEach(r -> types.add(r.fhirType()));
        return types;
    }

    private static List<String> containedIds(Resource resource) {
        return ((DomainResource) resource).getContained().stream()
                .map(c -> c.fhirType() + "#" + c.getIdElement().getIdPart().replace("#", ""))
                .sorted()
                .toList();
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }
}
