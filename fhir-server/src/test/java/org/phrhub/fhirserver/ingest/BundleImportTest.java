package org.phrhub.fhirserver.ingest;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Hospitals' FHIR bundles through {@code $import-bundle} into the real server. */
class BundleImportTest extends FhirServerIntegrationTest {

    private static final String JSON = "application/fhir+json";
    private static final List<Class<? extends Resource>> CLINICAL_TYPES =
            List.of(Encounter.class, Condition.class, Observation.class, MedicationRequest.class);

    @Autowired
    DaoRegistry daos;

    /** Each test is a hospital of its own, so that its patient numbers are enrolled nowhere else. */
    private final String institution = HospitalImports.newInstitution("14");

    private HospitalImports hospitals;

    @org.junit.jupiter.api.BeforeEach
    void arrangeHospitals() {
        hospitals = new HospitalImports(fhir, daos);
    }


    @Test
    void syntheaTransactionImportedTwiceIsStoredOnceUnderTheResidentWithItsProvenance() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-100");
        Bundle bundle = HospitalBundles.synthea(institution, "P-100");

        ImportReports first = hospitals.importBundle(bundle, institution);
        Map<String, String> versions = versionsOf(resident);
        ImportReports second = hospitals.importBundle(bundle, institution);

        assertThat(first.file("bundle").status()).isEqualTo("imported");
        // Patient (updated with the hospital's name), Organization, Practitioner, Encounter, Condition, Observation,
        // MedicationRequest; Synthea's own Provenance is left out.
        assertThat(first.total("created")).isEqualTo(6);
        assertThat(first.total("updated")).isEqualTo(1);
        assertThat(first.file("bundle").reason()).get().asString().contains("Provenance");
        assertThat(second.total("created")).isZero();
        assertThat(second.total("updated")).isZero();
        assertThat(second.total("unchanged")).isEqualTo(7);
        assertThat(versionsOf(resident)).isEqualTo(versions).hasSize(4);
        assertThat(search(Patient.class, new SearchParameterMap().add(Patient.SP_IDENTIFIER,
                new TokenParam(HospitalBundles.SYNTHEA, ((Patient) bundle.getEntryFirstRep().getResource())
                        .getIdentifierFirstRep().getValue())))).isEmpty();

        for (Resource stored : recordOf(resident)) {
            assertThat(stored.getMeta().getSource()).startsWith("urn:phr-hub:bundle:" + institution + "/sha256:");
            assertThat(stored.getMeta().getTag("https://phr-hub.example/fhir/CodeSystem/data-source", "ehr")).isNotNull();
            List<IBaseResource> provenances = search(Provenance.class, new SearchParameterMap().add(Provenance.SP_TARGET,
                    new ReferenceParam(stored.getIdElement().toUnqualifiedVersionless().getValue())));
            assertThat(provenances).as("Provenance of " + stored.getIdElement()).hasSize(1);
        }
        Encounter encounter = (Encounter) search(Encounter.class, bySubject(resident)).getFirst();
        assertThat(encounter.getServiceProvider().getReference()).startsWith("Organization/ehr-");
        assertThat(encounter.getParticipantFirstRep().getIndividual().getReference()).startsWith("Practitioner/ehr-");
        Condition condition = (Condition) search(Condition.class, bySubject(resident)).getFirst();
        assertThat(condition.getEncounter().getReference()).isEqualTo(encounter.getIdElement().toUnqualifiedVersionless().getValue());
        Patient canonical = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(canonical.getName()).extracting(name -> name.getFamily()).contains("Yamada");
    }

    @Test
    void importedResourcesAreValidR4() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-200");
        hospitals.importBundle(HospitalBundles.synthea(institution, "P-200"), institution);
        hospitals.importBundle(HospitalBundles.jpCoreCollection(institution, "P-200", "doc-1", "2024-06-01T10:00:00+09:00"), institution);

        List<Resource> record = recordOf(resident);

        assertThat(record).hasSize(5);
        for (Resource stored : record) {
            assertThat(R4Validation.errors(stored)).as(R4Validation.json(stored)).isEmpty();
        }
    }

    @Test
    void jpCoreCollectionWithRelativeReferencesIsImportedUnderItsIdentifier() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-300");
        Bundle collection = HospitalBundles.jpCoreCollection(institution, "P-300", "doc-7", "2024-06-01T10:00:00+09:00");

        ImportReports report = hospitals.importBundle(collection, institution);

        String path = "urn:oid:1.2.392.100495.20.3.51.9" + institution + "|doc-7";
        assertThat(report.file(path).status()).isEqualTo("imported");
        Observation weight = (Observation) search(Observation.class, bySubject(resident)).getFirst();
        assertThat(weight.getMeta().getSource()).isEqualTo("urn:phr-hub:bundle:" + institution + "/" + path);
        assertThat(weight.getMeta().getProfile()).extracting(p -> p.getValue())
                .contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Common");
        Patient canonical = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(canonical.getName()).extracting(name -> name.getText()).contains("ヤマダ タロウ", "山田 太郎");
    }

    @Test
    void documentIsImportedWithItsCompositionPointingAtTheStoredEntries() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-350");
        Bundle document = HospitalBundles.document(institution, "P-350", "doc-" + institution);

        ImportReports first = hospitals.importBundle(document, institution);
        ImportReports second = hospitals.importBundle(document, institution);

        String path = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier|doc-" + institution;
        assertThat(first.file(path).status()).isEqualTo("imported");
        assertThat(first.file(path).created()).isEqualTo(3);
        assertThat(second.file(path).unchanged()).isEqualTo(4);
        org.hl7.fhir.r4.model.Composition composition = (org.hl7.fhir.r4.model.Composition)
                search(org.hl7.fhir.r4.model.Composition.class, bySubject(resident)).getFirst();
        Condition condition = (Condition) search(Condition.class, bySubject(resident)).getFirst();
        assertThat(composition.getSectionFirstRep().getEntryFirstRep().getReference())
                .isEqualTo(condition.getIdElement().toUnqualifiedVersionless().getValue());
        assertThat(composition.getAuthorFirstRep().getReference()).startsWith("Organization/ehr-");
        assertThat(R4Validation.errors(composition)).as(R4Validation.json(composition)).isEmpty();
        assertThat(R4Validation.errors(condition)).as(R4Validation.json(condition)).isEmpty();
    }

    @Test
    void aBundleSentAgainWithOtherContentUnderTheSameIdentifierAndTimeIsStoredAgainThenKnownUnchanged() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-410");
        ImportReports first = hospitals.importBundle(
                HospitalBundles.jpCoreCollection(institution, "P-410", "doc-10", "2024-06-02T10:00:00+09:00"), institution);
        Bundle corrected = HospitalBundles.jpCoreCollection(institution, "P-410", "doc-10", "2024-06-02T10:00:00+09:00");
        // The hospital sends its bundle again with one entry corrected, under the same identifier and time stamp.
        corrected.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(resource -> !(resource instanceof Patient)).findFirst().orElseThrow().setLanguage("ja");

        ImportReports second = hospitals.importBundle(corrected, institution);
        ImportReports third = hospitals.importBundle(corrected, institution);

        int held = first.total("created") + first.total("updated") + first.total("unchanged");
        assertThat(second.total("created")).isZero();
        assertThat(second.total("updated")).as(second.files().toString()).isEqualTo(1);
        assertThat(second.total("unchanged")).isEqualTo(held - 1);
        assertThat(third.files().getFirst().status()).isEqualTo("imported");
        assertThat(third.total("updated")).isZero();
        assertThat(third.total("unchanged")).isEqualTo(held);
    }

    @Test
    void anOlderVersionOfAStoredBundleIsSuperseded() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-400");
        hospitals.importBundle(HospitalBundles.jpCoreCollection(institution, "P-400", "doc-9", "2024-06-02T10:00:00+09:00"), institution);

        ImportReports older = hospitals.importBundle(
                HospitalBundles.jpCoreCollection(institution, "P-400", "doc-9", "2024-06-01T10:00:00+09:00"), institution);

        assertThat(older.files().getFirst().status()).isEqualTo("superseded");
    }

    @Test
    void twoHospitalsOfOneResidentFillOneCanonicalPatient() {
        String otherInstitution = HospitalImports.newInstitution("14");
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "A-1");
        hospitals.enrol(HospitalImports.commonIdOf(resident), otherInstitution, "B-2");

        hospitals.importBundle(HospitalBundles.synthea(institution, "A-1"), institution);
        hospitals.importBundle(HospitalBundles.synthea(otherInstitution, "B-2"), otherInstitution);

        Patient canonical = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(canonical.getIdentifier()).extracting(id -> id.getSystem() + "|" + id.getValue()).contains(
                HospitalBundles.PATIENT_NUMBER + institution + "|A-1", HospitalBundles.PATIENT_NUMBER + otherInstitution + "|B-2");
        assertThat(search(Patient.class, new SearchParameterMap().add(Patient.SP_FAMILY,
                new ca.uhn.fhir.rest.param.StringParam("Yamada")))).extracting(p -> p.getIdElement().getIdPart())
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(madeByImport(id)).as(id).isFalse());
        assertThat(search(Observation.class, bySubject(resident))).hasSize(2)
                .extracting(o -> ((Observation) o).getMeta().getSource())
                .anySatisfy(source -> assertThat(source).contains(":bundle:" + institution + "/"))
                .anySatisfy(source -> assertThat(source).contains(":bundle:" + otherInstitution + "/"));
    }

    @Test
    void aCommonIdNamesTheResidentAndMustAgreeWithThePatientNumber() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        String other = hospitals.newResident("ヤマダ ハナコ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(other), institution, "P-550");
        Bundle byCommonId = HospitalBundles.synthea(institution, "P-550");
        Patient patient = (Patient) byCommonId.getEntryFirstRep().getResource();
        patient.getIdentifier().removeLast();
        patient.addIdentifier().setSystem("https://phr-hub.example/fhir/sid/common-id").setValue("C-" + resident.substring(8));
        Bundle disagreeing = HospitalBundles.synthea(institution, "P-550");
        ((Patient) disagreeing.getEntryFirstRep().getResource()).addIdentifier()
                .setSystem("https://phr-hub.example/fhir/sid/common-id").setValue("C-" + resident.substring(8));

        ImportReports imported = hospitals.importBundle(byCommonId, institution);

        assertThat(imported.file("bundle").status()).isEqualTo("imported");
        assertThat(recordOf(resident)).hasSize(4);
        assertThat(reasonOf(disagreeing)).contains("patient number P-550 is enrolled on " + other,
                "common ID C-" + resident.substring(8) + " is " + resident + "'s");
        assertThat(recordOf(other)).isEmpty();
    }

    @Test
    void twoEntriesWithTheSameIdentifierAreBothStoredAndReported() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-500");
        Bundle bundle = HospitalBundles.synthea(institution, "P-500");
        HospitalBundles.post(bundle, HospitalBundles.urn(), HospitalBundles.observation(bundle, "obs-1"), null);
        HospitalBundles.post(bundle, HospitalBundles.urn(), HospitalBundles.observation(bundle, "obs-1"), null);

        ImportReports report = hospitals.importBundle(bundle, institution);

        // Before, such a bundle was refused whole; a hospital's record is no longer lost over its identifiers.
        assertThat(report.file("bundle").status()).isEqualTo("imported");
        assertThat(report.file("bundle").reason()).get().asString().contains(
                "warning: 2 Observation entries carry the identifier http://hospital.example/observation-id|obs-1",
                "entry 8 (" + bundle.getEntry().get(8).getFullUrl() + ")", "entry 9");
        assertThat(recordOf(resident)).hasSize(6);
    }

    @Test
    void aRecordFiledUnderAnotherPatientIsRefusedAndTheFirstPatientsRecordStaysAsItWas() {
        String hanako = hospitals.newResident("ヤマダ ハナコ", "1950-02-03", AdministrativeGender.FEMALE);
        String taro = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(hanako), institution, "P-610");
        hospitals.enrol(HospitalImports.commonIdOf(taro), institution, "P-611");
        Bundle hanakosVisit = HospitalBundles.synthea(institution, "P-610");
        HospitalBundles.post(hanakosVisit, HospitalBundles.urn(), HospitalBundles.observation(hanakosVisit, "obs-610"), null);
        // The hospital's next bundle, of another patient, reuses the identifier of Hanako's observation.
        Bundle tarosVisit = HospitalBundles.synthea(institution, "P-611");
        HospitalBundles.post(tarosVisit, HospitalBundles.urn(), HospitalBundles.observation(tarosVisit, "obs-610"), null);

        assertThat(hospitals.importBundle(hanakosVisit, institution).file("bundle").status()).isEqualTo("imported");
        Map<String, String> hanakosVersions = versionsOf(hanako);
        String reason = reasonOf(tarosVisit);

        assertThat(reason).contains("files the Observation " + institution + "/http://hospital.example/observation-id|obs-610"
                + " under another patient", "does not move a record between patients", "nothing of it was stored")
                .doesNotContain(hanako, "P-610");
        assertThat(versionsOf(hanako)).as("Hanako's record, untouched").isEqualTo(hanakosVersions).hasSize(5);
        assertThat(recordOf(taro)).as("nothing of Taro's bundle").isEmpty();
    }

    @Test
    void patientSummaryWithTwoConditionsOfOneIdentifierKeepsBothAndImportsAgainUnchanged() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-520");
        Bundle summary = HospitalBundles.patientSummary(institution, "P-520", "PS-" + institution, "202934701");

        ImportReports first = hospitals.importBundle(summary, institution);
        Map<String, String> versions = versionsOf(resident);
        ImportReports second = hospitals.importBundle(summary, institution);

        ImportReports.File imported = first.files().getFirst();
        assertThat(imported.status()).as(imported.toString()).isEqualTo("imported");
        // Composition, Organization and both Conditions; the Coverage is not kept.
        assertThat(imported.created()).isEqualTo(4);
        assertThat(imported.reason()).get().asString().contains(
                "warning: 2 Condition entries carry the identifier " + HospitalBundles.RESOURCE_INSTANCE + "|202934701",
                "skipped 1 Coverage: the hub does not keep billing data");
        assertThat(second.total("created")).isZero();
        assertThat(second.total("updated")).isZero();
        assertThat(versionsOf(resident)).isEqualTo(versions);

        List<Condition> conditions = search(Condition.class, bySubject(resident)).stream().map(Condition.class::cast).toList();
        assertThat(conditions).extracting(c -> c.getCode().getCodingFirstRep().getCode()).containsExactlyInAnyOrder("I209", "I10");
        assertThat(conditions).allSatisfy(c -> assertThat(c.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                .contains(HospitalBundles.RESOURCE_INSTANCE + "|202934701"));
        org.hl7.fhir.r4.model.Composition composition = (org.hl7.fhir.r4.model.Composition)
                search(org.hl7.fhir.r4.model.Composition.class, bySubject(resident)).getFirst();
        assertThat(composition.getSection().get(0).getEntry()).extracting(Reference::getReference).containsExactlyInAnyOrderElementsOf(
                conditions.stream().map(c -> c.getIdElement().toUnqualifiedVersionless().getValue()).toList());
        Reference insurance = composition.getSection().get(1).getEntryFirstRep();
        assertThat(insurance.hasReference()).isFalse();
        assertThat(insurance.getDisplay()).isEqualTo("Coverage (not kept by the hub)");
        assertThat(search(org.hl7.fhir.r4.model.Coverage.class, new SearchParameterMap())).isEmpty();
        for (Resource stored : List.of(composition, conditions.get(0), conditions.get(1))) {
            assertThat(R4Validation.errors(stored)).as(R4Validation.json(stored)).isEmpty();
        }
    }

    @Test
    void entriesTheHubStillCannotTellApartRefuseTheBundle() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-540");
        Bundle sameFullUrl = HospitalBundles.synthea(institution, "P-540");
        String fullUrl = HospitalBundles.urn();
        HospitalBundles.post(sameFullUrl, fullUrl, HospitalBundles.observation(sameFullUrl, "obs-a"), null);
        HospitalBundles.post(sameFullUrl, fullUrl, HospitalBundles.observation(sameFullUrl, "obs-b").setStatus(Observation.ObservationStatus.AMENDED), null);
        Bundle ambiguousReference = HospitalBundles.synthea(institution, "P-540");
        HospitalBundles.post(ambiguousReference, HospitalBundles.urn(), HospitalBundles.observation(ambiguousReference, "obs-1"), null);
        HospitalBundles.post(ambiguousReference, HospitalBundles.urn(), HospitalBundles.observation(ambiguousReference, "obs-1"), null);
        HospitalBundles.post(ambiguousReference, HospitalBundles.urn(), new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(HospitalBundles.LOINC, "8867-4", null)))
                .addDerivedFrom(new Reference("Observation?identifier=http://hospital.example/observation-id|obs-1")), null);

        assertThat(reasonOf(sameFullUrl)).contains("2 entries carry the fullUrl " + fullUrl + ": entry 8 (Observation), entry 9",
                "give each entry its own", "nothing of the bundle was stored");
        assertThat(reasonOf(ambiguousReference)).contains(
                "refers to Observation?identifier=http://hospital.example/observation-id|obs-1, which 2 entries of the bundle answer to",
                "refer to one of them by its fullUrl");
        assertThat(recordOf(resident)).isEmpty();
    }

    @Test
    void syntheaBillingIsSkippedAndTheRecordImportedUnderTheConfiguredRecordNumber() {
        String institution = HospitalImports.MRN_INSTITUTION;
        String mrn = java.util.UUID.randomUUID().toString();
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        FhirHttp.Response enrolled = fhir.post("$enrol", clientToken("ehr-importer"),
                HospitalImports.enrolment(HospitalImports.commonIdOf(resident), institution, mrn, HospitalBundles.SYNTHEA_MRN));
        Bundle bundle = HospitalBundles.syntheaWithBilling(institution, mrn);

        ImportReports first = hospitals.importBundle(bundle, institution);
        Map<String, String> versions = versionsOf(resident);
        ImportReports second = hospitals.importBundle(bundle, institution);

        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        Parameters answer = enrolled.resource(Parameters.class);
        org.hl7.fhir.r4.model.Identifier number = (org.hl7.fhir.r4.model.Identifier) answer.getParameter("identifier").getValue();
        assertThat(number.getSystem() + "|" + number.getValue()).isEqualTo(HospitalBundles.PATIENT_NUMBER + institution + "|" + mrn);
        assertThat(answer.getParameterValue("patientNumberSystem").primitiveValue()).isEqualTo(HospitalBundles.SYNTHEA_MRN);

        ImportReports.File imported = first.file("bundle");
        assertThat(imported.status()).as(imported.toString()).isEqualTo("imported");
        assertThat(imported.reason()).get().asString().contains(
                "skipped 2 Claim, 1 Coverage, 2 ExplanationOfBenefit: the hub does not keep billing data",
                "1 reference to them taken out");
        assertThat(first.total("created")).isEqualTo(6);
        assertThat(second.total("created")).isZero();
        assertThat(second.total("updated")).isZero();
        assertThat(versionsOf(resident)).isEqualTo(versions).hasSize(4);
        for (Class<? extends Resource> billing : List.of(org.hl7.fhir.r4.model.Claim.class,
                org.hl7.fhir.r4.model.ExplanationOfBenefit.class, org.hl7.fhir.r4.model.Coverage.class)) {
            assertThat(search(billing, new SearchParameterMap())).as(billing.getSimpleName()).isEmpty();
        }
        MedicationRequest prescription = (MedicationRequest) search(MedicationRequest.class, bySubject(resident)).getFirst();
        assertThat(prescription.hasInsurance()).isFalse();
        for (Resource stored : recordOf(resident)) {
            assertThat(R4Validation.errors(stored)).as(R4Validation.json(stored)).isEmpty();
        }
        Patient canonical = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(canonical.getIdentifier()).extracting(id -> id.getSystem() + "|" + id.getValue())
                .contains(HospitalBundles.PATIENT_NUMBER + institution + "|" + mrn)
                .noneMatch(id -> id.startsWith(HospitalBundles.SYNTHEA_MRN));
    }

    @Test
    void anEnrolmentUnderAnotherSystemThanTheHospitalsIsRefused() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        String mrn = java.util.UUID.randomUUID().toString();

        FhirHttp.Response unconfigured = fhir.post("$enrol", clientToken("ehr-importer"),
                HospitalImports.enrolment(HospitalImports.commonIdOf(resident), institution, mrn, HospitalBundles.SYNTHEA_MRN));
        FhirHttp.Response otherSystem = fhir.post("$enrol", clientToken("ehr-importer"), HospitalImports.enrolment(
                HospitalImports.commonIdOf(resident), HospitalImports.MRN_INSTITUTION, mrn, "urn:oid:1.2.392.999"));

        assertThat(unconfigured.status()).as(unconfigured.toString()).isEqualTo(400);
        assertThat(unconfigured.diagnostics()).contains("under " + HospitalBundles.PATIENT_NUMBER + institution + ", not "
                + HospitalBundles.SYNTHEA_MRN, "configure phrhub.import.patient-number-systems." + institution + "=" + HospitalBundles.SYNTHEA_MRN);
        assertThat(otherSystem.status()).as(otherSystem.toString()).isEqualTo(400);
        assertThat(otherSystem.diagnostics()).contains(HospitalBundles.SYNTHEA_MRN + " (configured by phrhub.import.patient-number-systems.");
        Patient canonical = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(canonical.getIdentifier()).extracting(id -> id.getValue()).doesNotContain(mrn);
    }

    @Test
    void typesThatWouldChangeWhoSeesWhatStayRefusedWhileAnImplantIsSkipped() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-560");
        Bundle withConsent = HospitalBundles.synthea(institution, "P-560");
        HospitalBundles.post(withConsent, HospitalBundles.urn(), new org.hl7.fhir.r4.model.Consent()
                .setStatus(org.hl7.fhir.r4.model.Consent.ConsentState.ACTIVE), null);
        Bundle withCareTeam = HospitalBundles.synthea(institution, "P-560");
        HospitalBundles.post(withCareTeam, HospitalBundles.urn(), new org.hl7.fhir.r4.model.CareTeam(), null);
        Bundle withMonitorBinding = HospitalBundles.synthea(institution, "P-560");
        org.hl7.fhir.r4.model.Device monitor = new org.hl7.fhir.r4.model.Device()
                .setPatient(new Reference(withMonitorBinding.getEntryFirstRep().getFullUrl()));
        monitor.addIdentifier().setSystem("https://phr-hub.example/fhir/sid/monitor-binding").setValue("AA:BB:CC:DD:EE:FF");
        HospitalBundles.post(withMonitorBinding, HospitalBundles.urn(), monitor, null);
        Bundle withImplant = HospitalBundles.synthea(institution, "P-560");
        String implantUrl = HospitalBundles.urn();
        HospitalBundles.post(withImplant, implantUrl, new org.hl7.fhir.r4.model.Device()
                .setPatient(new Reference(withImplant.getEntryFirstRep().getFullUrl())), null);
        ((Observation) HospitalBundles.entryOf(withImplant, Observation.class).getResource()).setDevice(new Reference(implantUrl));

        assertThat(reasonOf(withConsent)).contains("holds a Consent resource, which the EHR importer may not write: "
                + "a Consent decides who may read a resident's data");
        assertThat(reasonOf(withCareTeam)).contains("holds a CareTeam resource, which the EHR importer may not write");
        assertThat(reasonOf(withMonitorBinding)).contains("holds a Device resource", "binds a home monitor to a patient");
        assertThat(recordOf(resident)).isEmpty();

        ImportReports implant = hospitals.importBundle(withImplant, institution);
        assertThat(implant.file("bundle").status()).isEqualTo("imported");
        assertThat(implant.file("bundle").reason()).get().asString()
                .contains("skipped 1 Device: the hub keeps only the home monitors its gateways register");
        Observation heartRate = (Observation) search(Observation.class, bySubject(resident)).getFirst();
        assertThat(heartRate.hasDevice()).isFalse();
        assertThat(search(org.hl7.fhir.r4.model.Device.class, new SearchParameterMap().add(
                org.hl7.fhir.r4.model.Device.SP_PATIENT, new ReferenceParam(resident)))).isEmpty();
    }

    @Test
    void unknownPatientHoldsTheBundleForIdentityReview() {
        String lookalike = hospitals.newResident("ﾔﾏﾀﾞ ﾀﾛｳ", "1948-04-05", AdministrativeGender.MALE);
        Bundle bundle = HospitalBundles.synthea(institution, "P-600");
        org.hl7.fhir.r4.model.HumanName kana = new org.hl7.fhir.r4.model.HumanName().setText("ヤマダ タロウ");
        kana.addExtension("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", new CodeType("SYL"));
        ((Patient) bundle.getEntryFirstRep().getResource()).getName().add(0, kana);

        ImportReports held = hospitals.importBundle(bundle, institution);

        assertThat(held.file("bundle").status()).isEqualTo("held");
        assertThat(held.file("bundle").reason()).get().asString()
                .contains("patient number P-600 of institution " + institution, "enrolled on no resident");
        assertThat(recordOf(lookalike)).isEmpty();
        Parameters review = fhir.post("$identity-review", clientToken("ehr-importer"), new Parameters()).resource(Parameters.class);
        Parameters.ParametersParameterComponent candidate = review.getParameter().stream()
                .filter(p -> p.getPart().stream().anyMatch(part -> part.getName().equals("institution")
                        && part.getValue().primitiveValue().equals(institution)))
                .findFirst().orElseThrow();
        Map<String, List<String>> parts = candidate.getPart().stream().collect(Collectors.groupingBy(
                Parameters.ParametersParameterComponent::getName,
                Collectors.mapping(part -> part.getValue().primitiveValue(), Collectors.toList())));
        assertThat(parts).containsEntry("patientNumber", List.of("P-600")).containsEntry("kanaName", List.of("ヤマダ タロウ"))
                .containsEntry("kanjiName", List.of("Yamada Taro")).containsEntry("birthDate", List.of("1948-04-05"));
        assertThat(parts.get("suggestedResident")).contains(lookalike);
        assertThat(parts.get("lastFile").getFirst()).startsWith("urn:phr-hub:bundle:" + institution + "/sha256:");

        hospitals.enrol(HospitalImports.commonIdOf(lookalike), institution, "P-600");
        assertThat(hospitals.importBundle(bundle, institution).file("bundle").status()).isEqualTo("imported");
        assertThat(recordOf(lookalike)).hasSize(4);
    }

    @Test
    void onlyTheEhrImporterMayImportBundles() {
        byte[] body = HospitalImports.json(HospitalBundles.synthea(institution, "P-700"));
        for (String token : new String[] {clientToken("device-gateway"), tokenOf("hanako")}) {
            FhirHttp.Response refused = fhir.post("$import-bundle?institution=" + institution, token, JSON, body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.diagnostics()).contains("ehr-importer client only");
        }
    }

    @Test
    void bodiesThatAreNoBundleGetABadRequest() {
        String importer = clientToken("ehr-importer");

        FhirHttp.Response notJson = fhir.post("$import-bundle?institution=" + institution, importer, JSON,
                "MSH|^~\\&|".getBytes(StandardCharsets.UTF_8));
        FhirHttp.Response notBundle = fhir.post("$import-bundle?institution=" + institution, importer, new Patient());
        FhirHttp.Response noInstitution = fhir.post("$import-bundle", importer, HospitalBundles.synthea(institution, "1"));

        assertThat(notJson.status()).as(notJson.toString()).isEqualTo(400);
        assertThat(notJson.diagnostics()).contains("FHIR Bundle in JSON");
        assertThat(notBundle.status()).as(notBundle.toString()).isEqualTo(400);
        assertThat(notBundle.diagnostics()).contains("not a Patient");
        assertThat(noInstitution.status()).as(noInstitution.toString()).isEqualTo(400);
        assertThat(noInstitution.diagnostics()).contains("10-digit medical institution code");
    }

    @Test
    void bundlesTheImporterMayNotWriteAreRefusedWithTheirReason() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-800");

        Bundle searchset = HospitalBundles.synthea(institution, "P-800").setType(Bundle.BundleType.SEARCHSET);
        Bundle withDelete = HospitalBundles.synthea(institution, "P-800");
        withDelete.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/abc");
        Bundle withAuditEvent = HospitalBundles.synthea(institution, "P-800");
        HospitalBundles.post(withAuditEvent, HospitalBundles.urn(), new AuditEvent(), null);
        Bundle foreignPatient = HospitalBundles.synthea(institution, "P-800");
        HospitalBundles.post(foreignPatient, HospitalBundles.urn(), HospitalBundles.observation(foreignPatient, "obs-x")
                .setSubject(new Reference("Patient/hanako")), null);
        Bundle noPatientNumber = HospitalBundles.synthea(institution, "P-800");
        ((Patient) noPatientNumber.getEntryFirstRep().getResource()).getIdentifier().removeLast();

        assertThat(reasonOf(searchset)).contains("type searchset is not imported");
        assertThat(reasonOf(withDelete)).contains("entry 8 asks to DELETE Observation/abc");
        assertThat(reasonOf(withAuditEvent)).contains("holds a AuditEvent resource, which the EHR importer may not write");
        assertThat(reasonOf(foreignPatient)).contains("refers to Patient/hanako, which is not a Patient entry of the bundle");
        assertThat(reasonOf(noPatientNumber)).contains("neither a patient number of institution " + institution,
                "configure it as phrhub.import.patient-number-systems." + institution);
        assertThat(recordOf(resident)).isEmpty();
    }

    @Test
    void readsInABatchAreIgnoredAndReported() {
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-900");
        Bundle batch = HospitalBundles.synthea(institution, "P-900").setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?subject=Patient/hanako");

        ImportReports report = hospitals.importBundle(batch, institution);

        assertThat(report.file("bundle").status()).isEqualTo("imported");
        assertThat(report.file("bundle").reason()).get().asString()
                .contains("entry 8 (GET Observation?subject=Patient/hanako): the importer reads nothing");
        assertThat(recordOf(resident)).hasSize(4);
    }

    private String reasonOf(Bundle bundle) {
        ImportReports report = hospitals.importBundle(bundle, institution);
        assertThat(report.files()).hasSize(1);
        assertThat(report.files().getFirst().status()).isEqualTo("error");
        return report.files().getFirst().reason().orElseThrow();
    }

    /** The resident's encounters, conditions, observations and prescriptions. */
    private List<Resource> recordOf(String resident) {
        return CLINICAL_TYPES.stream().flatMap(type -> search(type, bySubject(resident)).stream()).map(Resource.class::cast).toList();
    }

    private Map<String, String> versionsOf(String resident) {
        return recordOf(resident).stream().collect(Collectors.toMap(r -> r.getIdElement().toUnqualifiedVersionless().getValue(),
                r -> r.getMeta().getVersionId()));
    }

    private static SearchParameterMap bySubject(String resident) {
        return new SearchParameterMap().add("subject", new ReferenceParam(resident));
    }

    private List<IBaseResource> search(Class<? extends IBaseResource> type, SearchParameterMap search) {
        search.setLoadSynchronous(true);
        return daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources();
    }

    /** Whether a Patient with this id was made by an import (hospital Patients must never be stored). */
    private static boolean madeByImport(String id) {
        return id.startsWith("ehr-");
    }
}
