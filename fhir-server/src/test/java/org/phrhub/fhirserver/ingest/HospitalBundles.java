package org.phrhub.fhirserver.ingest;

import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Bundles as hospitals send them: Synthea-style transactions and JP Core collections. */
final class HospitalBundles {

    static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String PATIENT_NUMBER = "urn:oid:1.2.392.100495.20.3.51.1";
    static final String LOINC = "http://loinc.org";
    /** Where Synthea puts a patient's medical record number (identifier type MR). */
    static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";
    static final String RESOURCE_INSTANCE = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";

    private HospitalBundles() {}

    /**
     * A Synthea-style transaction: urn:uuid fullUrls, conditional creates of the organization and practitioner
     * referred to by search urls, a Patient carrying the hospital's patient number, an encounter with a
     * condition, a heart rate and a prescription (these three without identifiers), and Synthea's Provenance.
     */
    static Bundle synthea(String institution, String patientNumber) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = urn();
        String encounterUrl = urn();
        String orgSearch = "Organization?identifier=" + SYNTHEA + "|org-" + institution;
        String practitionerSearch = "Practitioner?identifier=" + NPI + "|9999" + institution.substring(4);

        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYNTHEA).setValue(UUID.randomUUID().toString());
        patient.addIdentifier().setSystem(PATIENT_NUMBER + institution).setValue(patientNumber);
        patient.addName().setFamily("Yamada").addGiven("Taro");
        patient.setGender(AdministrativeGender.MALE).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1948-04-05"));
        post(bundle, patientUrl, patient, null);

        Organization organization = new Organization().setName("Aizu General Hospital");
        organization.addIdentifier().setSystem(SYNTHEA).setValue("org-" + institution);
        post(bundle, urn(), organization, orgSearch.substring("Organization?".length()));

        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(NPI).setValue("9999" + institution.substring(4));
        practitioner.addName().setFamily("Suzuki").addPrefix("Dr.");
        post(bundle, urn(), practitioner, practitionerSearch.substring("Practitioner?".length()));

        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .setSubject(new Reference(patientUrl))
                .setServiceProvider(new Reference(orgSearch));
        encounter.addIdentifier().setSystem(SYNTHEA).setValue("enc-" + patientNumber);
        encounter.addParticipant().setIndividual(new Reference(practitionerSearch));
        encounter.getPeriod().setStartElement(new DateTimeType("2024-05-01T09:00:00+09:00"))
                .setEndElement(new DateTimeType("2024-05-01T09:30:00+09:00"));
        post(bundle, encounterUrl, encounter, null);

        Condition condition = new Condition().setSubject(new Reference(patientUrl)).setEncounter(new Reference(encounterUrl))
                .setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        condition.setOnset(new DateTimeType("2024-05-01T09:00:00+09:00"));
        post(bundle, urn(), condition, null);

        Observation heartRate = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(LOINC, "8867-4", "Heart rate")))
                .setSubject(new Reference(patientUrl)).setEncounter(new Reference(encounterUrl))
                .setEffective(new DateTimeType("2024-05-01T09:10:00+09:00"))
                .setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
        heartRate.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
        post(bundle, urn(), heartRate, null);

        MedicationRequest prescription = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "314076",
                        "lisinopril 10 MG Oral Tablet")))
                .setSubject(new Reference(patientUrl)).setEncounter(new Reference(encounterUrl))
                .setAuthoredOnElement(new DateTimeType("2024-05-01T09:20:00+09:00"))
                .setRequester(new Reference(practitionerSearch));
        post(bundle, urn(), prescription, null);

        Provenance provenance = new Provenance().setRecorded(new Date());
        provenance.addTarget(new Reference(patientUrl));
        provenance.addAgent().setWho(new Reference(orgSearch));
        post(bundle, urn(), provenance, null);
        return bundle;
    }

    /**
     * A JP Core collection with an identifier and timestamp: absolute fullUrls, references as {@code Type/id}.
     */
    static Bundle jpCoreCollection(String institution, String patientNumber, String bundleId, String timestamp) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.getIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.9" + institution).setValue(bundleId);
        bundle.setTimestampElement(new org.hl7.fhir.r4.model.InstantType(timestamp));
        Patient patient = new Patient();
        patient.setId("p1");
        patient.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient");
        patient.addIdentifier().setSystem(PATIENT_NUMBER + institution).setValue(patientNumber);
        patient.addName().setText("山田 太郎").setFamily("山田").addGiven("太郎")
                .addExtension("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation",
                        new org.hl7.fhir.r4.model.CodeType("IDE"));
        bundle.addEntry().setFullUrl("http://hospital.example/fhir/Patient/p1").setResource(patient);

        Observation bodyWeight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(LOINC, "29463-7", "Body weight")))
                .setSubject(new Reference("Patient/p1"))
                .setEffective(new DateTimeType("2024-06-01T10:00:00+09:00"))
                .setValue(new Quantity().setValue(61.5).setUnit("kg").setSystem("http://unitsofmeasure.org").setCode("kg"));
        bodyWeight.setId("o1");
        bodyWeight.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Common");
        bodyWeight.addIdentifier().setSystem("http://hospital.example/observation-id").setValue(bundleId + "-o1");
        bodyWeight.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
        bundle.addEntry().setFullUrl("http://hospital.example/fhir/Observation/o1").setResource(bodyWeight);
        return bundle;
    }

    /**
     * A JP-CLINS-style document: a Composition first, then the patient, the hospital and the condition its
     * section lists, all with urn:uuid fullUrls.
     */
    static Bundle document(String institution, String patientNumber, String documentId) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        bundle.getIdentifier().setSystem("http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier").setValue(documentId);
        bundle.setTimestampElement(new org.hl7.fhir.r4.model.InstantType("2024-07-01T12:00:00+09:00"));
        String patientUrl = urn();
        String hospitalUrl = urn();
        String conditionUrl = urn();

        org.hl7.fhir.r4.model.Composition composition = new org.hl7.fhir.r4.model.Composition()
                .setStatus(org.hl7.fhir.r4.model.Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(LOINC, "18842-5", "Discharge summary")))
                .setSubject(new Reference(patientUrl))
                .setDateElement(new DateTimeType("2024-07-01T12:00:00+09:00"))
                .setTitle("退院時サマリー");
        composition.getIdentifier().setSystem("http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier").setValue(documentId);
        composition.addAuthor(new Reference(hospitalUrl));
        composition.addSection().setTitle("入院時診断").addEntry(new Reference(conditionUrl));
        bundle.addEntry().setFullUrl(urn()).setResource(composition);

        addPatientAndHospital(bundle, patientUrl, hospitalUrl, institution, patientNumber);

        Condition condition = new Condition().setSubject(new Reference(patientUrl))
                .setCode(new CodeableConcept(new Coding("http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full", "I10",
                        "本態性（原発性＜一次性＞）高血圧（症）")));
        condition.addIdentifier().setSystem("http://hospital.example/condition-id").setValue(documentId + "-c1");
        bundle.addEntry().setFullUrl(conditionUrl).setResource(condition);
        return bundle;
    }

    /**
     * A Synthea transaction as its exporter writes one: the Patient carries its medical record number under
     * {@link #SYNTHEA_MRN} (no JP Core number), and each encounter and prescription is billed with a Claim and
     * an ExplanationOfBenefit that refer back to the clinical entries. The prescription names a Coverage entry
     * as its insurance.
     */
    static Bundle syntheaWithBilling(String institution, String medicalRecordNumber) {
        Bundle bundle = synthea(institution, "unused");
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        patient.getIdentifier().removeIf(identifier -> identifier.getSystem().startsWith(PATIENT_NUMBER));
        patient.addIdentifier().setSystem(SYNTHEA_MRN).setValue(medicalRecordNumber).getType()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number"));
        patient.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("999-12-3456");
        String patientUrl = bundle.getEntryFirstRep().getFullUrl();
        String orgSearch = "Organization?identifier=" + SYNTHEA + "|org-" + institution;
        String encounterUrl = entryOf(bundle, Encounter.class).getFullUrl();
        String conditionUrl = entryOf(bundle, Condition.class).getFullUrl();
        Bundle.BundleEntryComponent prescription = entryOf(bundle, MedicationRequest.class);
        ((Encounter) entryOf(bundle, Encounter.class).getResource()).getIdentifierFirstRep().setValue("enc-" + medicalRecordNumber);

        String coverageUrl = urn();
        org.hl7.fhir.r4.model.Coverage coverage = new org.hl7.fhir.r4.model.Coverage()
                .setStatus(org.hl7.fhir.r4.model.Coverage.CoverageStatus.ACTIVE)
                .setBeneficiary(new Reference(patientUrl));
        coverage.addPayor().setDisplay("Cigna Health");
        post(bundle, coverageUrl, coverage, null);
        ((MedicationRequest) prescription.getResource()).addInsurance(new Reference(coverageUrl));

        String encounterClaim = claim(bundle, patientUrl, orgSearch, conditionUrl, null, encounterUrl);
        String prescriptionClaim = claim(bundle, patientUrl, orgSearch, null, prescription.getFullUrl(), encounterUrl);
        explanationOfBenefit(bundle, patientUrl, orgSearch, encounterClaim, coverageUrl);
        explanationOfBenefit(bundle, patientUrl, orgSearch, prescriptionClaim, coverageUrl);
        return bundle;
    }

    private static String claim(Bundle bundle, String patientUrl, String provider, String conditionUrl, String prescriptionUrl,
            String encounterUrl) {
        org.hl7.fhir.r4.model.Claim claim = new org.hl7.fhir.r4.model.Claim()
                .setStatus(org.hl7.fhir.r4.model.Claim.ClaimStatus.ACTIVE)
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                        prescriptionUrl != null ? "pharmacy" : "institutional", null)))
                .setUse(org.hl7.fhir.r4.model.Claim.Use.CLAIM)
                .setPatient(new Reference(patientUrl))
                .setProvider(new Reference(provider))
                .setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
        claim.getBillablePeriod().setStartElement(new DateTimeType("2024-05-01T09:00:00+09:00"));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference().setDisplay("Cigna Health"));
        if (conditionUrl != null) {
            claim.addDiagnosis().setSequence(1).setDiagnosis(new Reference(conditionUrl));
        }
        if (prescriptionUrl != null) {
            claim.setPrescription(new Reference(prescriptionUrl));
        }
        claim.addItem().setSequence(1).addEncounter(new Reference(encounterUrl))
                .setProductOrService(new CodeableConcept(new Coding("http://snomed.info/sct", "185345009", "Encounter for symptom")));
        claim.getTotal().setValue(129.16).setCurrency("USD");
        String url = urn();
        post(bundle, url, claim, null);
        return url;
    }

    private static void explanationOfBenefit(Bundle bundle, String patientUrl, String provider, String claimUrl, String coverageUrl) {
        org.hl7.fhir.r4.model.ExplanationOfBenefit eob = new org.hl7.fhir.r4.model.ExplanationOfBenefit()
                .setStatus(org.hl7.fhir.r4.model.ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE)
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "institutional", null)))
                .setUse(org.hl7.fhir.r4.model.ExplanationOfBenefit.Use.CLAIM)
                .setPatient(new Reference(patientUrl))
                .setProvider(new Reference(provider))
                .setClaim(new Reference(claimUrl))
                .setOutcome(org.hl7.fhir.r4.model.ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        eob.addIdentifier().setSystem("https://bluebutton.cms.gov/resources/variables/clm_id").setValue(UUID.randomUUID().toString());
        eob.addInsurance().setFocal(true).setCoverage(new Reference(coverageUrl));
        post(bundle, urn(), eob, null);
    }

    /**
     * A JP-CLINS patient summary shaped like the official example: a document whose Composition lists two
     * Conditions that carry the same {@link #RESOURCE_INSTANCE} identifier (a principal and a secondary
     * diagnosis), and a Coverage of the patient's health insurance in a section of its own.
     */
    static Bundle patientSummary(String institution, String patientNumber, String documentId, String sharedConditionId) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        bundle.getIdentifier().setSystem("http://jpfhir.jp/fhir/clins/bundle-identifier")
                .setValue(institution + "^2024^" + documentId);
        bundle.setTimestampElement(new org.hl7.fhir.r4.model.InstantType("2024-07-07T10:00:00+09:00"));
        String patientUrl = urn();
        String hospitalUrl = urn();
        String anginaUrl = urn();
        String hypertensionUrl = urn();
        String coverageUrl = urn();

        org.hl7.fhir.r4.model.Composition composition = new org.hl7.fhir.r4.model.Composition()
                .setStatus(org.hl7.fhir.r4.model.Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(LOINC, "60591-5", "Patient summary Document")))
                .setSubject(new Reference(patientUrl))
                .setDateElement(new DateTimeType("2024-07-07T10:00:00+09:00"))
                .setTitle("患者サマリー");
        composition.getIdentifier().setSystem(RESOURCE_INSTANCE).setValue(documentId);
        composition.addAuthor(new Reference(hospitalUrl));
        org.hl7.fhir.r4.model.Composition.SectionComponent problems = composition.addSection().setTitle("傷病名");
        problems.addEntry(new Reference(anginaUrl));
        problems.addEntry(new Reference(hypertensionUrl));
        composition.addSection().setTitle("保険").addEntry(new Reference(coverageUrl));
        bundle.addEntry().setFullUrl(urn()).setResource(composition);

        addPatientAndHospital(bundle, patientUrl, hospitalUrl, institution, patientNumber);

        bundle.addEntry().setFullUrl(anginaUrl).setResource(diagnosis(patientUrl, sharedConditionId, "I209", "狭心症"));
        bundle.addEntry().setFullUrl(hypertensionUrl).setResource(diagnosis(patientUrl, sharedConditionId, "I10", "本態性高血圧症"));

        org.hl7.fhir.r4.model.Coverage coverage = new org.hl7.fhir.r4.model.Coverage()
                .setStatus(org.hl7.fhir.r4.model.Coverage.CoverageStatus.ACTIVE)
                .setBeneficiary(new Reference(patientUrl));
        coverage.addPayor().setDisplay("全国健康保険協会");
        bundle.addEntry().setFullUrl(coverageUrl).setResource(coverage);
        return bundle;
    }

    private static Condition diagnosis(String patientUrl, String identifierValue, String icd10, String name) {
        Condition condition = new Condition().setSubject(new Reference(patientUrl))
                .setCode(new CodeableConcept(new Coding("http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full", icd10, name)));
        condition.addIdentifier().setSystem(RESOURCE_INSTANCE).setValue(identifierValue);
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        condition.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-category",
                "encounter-diagnosis", null)));
        condition.setOnset(new DateTimeType("2020-04-10"));
        return condition;
    }

    static Bundle.BundleEntryComponent entryOf(Bundle bundle, Class<? extends Resource> type) {
        return bundle.getEntry().stream().filter(entry -> type.isInstance(entry.getResource())).findFirst().orElseThrow();
    }

    /** An observation of the bundle's patient (its first entry), with the given business identifier. */
    static Observation observation(Bundle bundle, String identifierValue) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(LOINC, "8867-4", "Heart rate")))
                .setSubject(new Reference(bundle.getEntryFirstRep().getFullUrl()))
                .setValue(new Quantity().setValue(80).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
        observation.addIdentifier().setSystem("http://hospital.example/observation-id").setValue(identifierValue);
        return observation;
    }

    static void post(Bundle bundle, String fullUrl, Resource resource, String ifNoneExist) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        if (ifNoneExist != null) {
            entry.getRequest().setIfNoneExist(ifNoneExist);
        }
    }

    /** The document's patient, by the hospital's patient number, and the hospital that wrote it, by institution code. */
    static void addPatientAndHospital(Bundle bundle, String patientUrl, String hospitalUrl, String institution, String patientNumber) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_NUMBER + institution).setValue(patientNumber);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient);
        Organization hospital = new Organization().setName("会津総合病院");
        hospital.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.23").setValue(institution);
        bundle.addEntry().setFullUrl(hospitalUrl).setResource(hospital);
    }

    static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
