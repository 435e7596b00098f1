package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A referral document shaped like JP-CLINS' (診療情報提供書): its Condition holds the visit as a contained
 * Encounter and its prescription a mixed injection as a contained Medication, as hospitals send them.
 * Imported for taro, it reads back whole through the resident's own searches.
 */
class ContainedResourcesImportTest extends FhirServerIntegrationTest {

    private static final String RESOURCE_INSTANCE = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";
    private static final String TARO_COMMON_ID = "C0000000002";

    @Autowired
    DaoRegistry daos;

    @Test
    void aReferralWithContainedResourcesIsImportedAndItsPatientsSearchesAnswerWithThem() {
        String institution = HospitalImports.newInstitution("07");
        String patientNumber = "R-" + institution.substring(4);
        HospitalImports hospitals = new HospitalImports(fhir, daos);
        hospitals.enrol(TARO_COMMON_ID, institution, patientNumber);
        Bundle referral = referral(institution, patientNumber, "ref-" + institution);

        ImportReports report = hospitals.importBundle(referral, institution);

        assertThat(report.files().getFirst().status()).as(report.files().toString()).isEqualTo("imported");
        String taro = tokenOf("taro");
        FhirHttp.Response conditions = fhir.get("Condition?subject=Patient/taro&_count=200", taro);
        assertThat(conditions.status()).as(conditions.body()).isEqualTo(200);
        Condition condition = importedFrom(conditions.bundle(), institution, Condition.class);
        assertThat(condition.getContained()).singleElement().satisfies(c -> assertThat(c.fhirType()).isEqualTo("Encounter"));
        assertThat(condition.getEncounter().getReference()).startsWith("#");

        FhirHttp.Response prescriptions = fhir.get("MedicationRequest?subject=Patient/taro&_count=200", taro);
        assertThat(prescriptions.status()).as(prescriptions.body()).isEqualTo(200);
        MedicationRequest prescription = importedFrom(prescriptions.bundle(), institution, MedicationRequest.class);
        Medication mixed = (Medication) prescription.getContained().getFirst();
        assertThat(mixed.getIngredient()).hasSize(2);

        FhirHttp.Response everything = fhir.get("Patient/taro/$everything?_count=1000", taro);
        assertThat(everything.status()).as(everything.body()).isEqualTo(200);
        FhirHttp.Response included = fhir.get("Condition?subject=Patient/taro&_include=Condition:subject&_count=200", taro);
        assertThat(included.status()).as(included.body()).isEqualTo(200);
    }

    private static <T extends Resource> T importedFrom(Bundle bundle, String institution, Class<T> type) {
        List<T> found = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast)
                .filter(r -> r.getMeta().getSource() != null && r.getMeta().getSource().contains(":bundle:" + institution + "/"))
                .toList();
        assertThat(found).as(type.getSimpleName() + " from " + institution).hasSize(1);
        return found.getFirst();
    }

    /** Composition, patient, hospital, a diagnosis seen at a contained visit, a mixed injection contained in its order. */
    private static Bundle referral(String institution, String patientNumber, String documentId) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        bundle.getIdentifier().setSystem(RESOURCE_INSTANCE).setValue(documentId);
        bundle.setTimestampElement(new InstantType("2025-03-04T10:00:00+09:00"));
        String patientUrl = HospitalBundles.urn();
        String hospitalUrl = HospitalBundles.urn();
        String conditionUrl = HospitalBundles.urn();
        String prescriptionUrl = HospitalBundles.urn();

        Composition composition = new Composition().setStatus(Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(HospitalBundles.LOINC, "57133-1", "Referral note")))
                .setSubject(new Reference(patientUrl)).setDateElement(new DateTimeType("2025-03-04T10:00:00+09:00"))
                .setTitle("診療情報提供書");
        composition.getIdentifier().setSystem(RESOURCE_INSTANCE).setValue(documentId);
        composition.addAuthor(new Reference(hospitalUrl));
        composition.addSection().setTitle("傷病名・主訴").addEntry(new Reference(conditionUrl));
        composition.addSection().setTitle("現在の処方").addEntry(new Reference(prescriptionUrl));
        bundle.addEntry().setFullUrl(HospitalBundles.urn()).setResource(composition);

        HospitalBundles.addPatientAndHospital(bundle, patientUrl, hospitalUrl, institution, patientNumber);

        Encounter visit = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        visit.setId("encounter");
        Condition condition = new Condition().setSubject(new Reference(patientUrl)).setEncounter(new Reference("#encounter"))
                .setCode(new CodeableConcept(new Coding("http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full", "E11.9",
                        "２型糖尿病，合併症を伴わないもの")));
        condition.addContained(visit);
        condition.addIdentifier().setSystem(RESOURCE_INSTANCE).setValue(documentId + "-condition-1");
        bundle.addEntry().setFullUrl(conditionUrl).setResource(condition);

        Medication mixed = new Medication();
        mixed.setId("mixed-injection");
        mixed.addIngredient().setItem(new CodeableConcept(new Coding("urn:oid:1.2.392.200119.4.403.1", "107750602", "生理食塩液 500mL")));
        mixed.addIngredient().setItem(new CodeableConcept(new Coding("urn:oid:1.2.392.200119.4.403.1", "620007340", "ビタメジン静注用")));
        MedicationRequest prescription = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER).setSubject(new Reference(patientUrl))
                .setMedication(new Reference("#mixed-injection"));
        prescription.addContained(mixed);
        prescription.addIdentifier().setSystem(RESOURCE_INSTANCE).setValue(documentId + "-prescription-1");
        bundle.addEntry().setFullUrl(prescriptionUrl).setResource(prescription);
        return bundle;
    }
}
