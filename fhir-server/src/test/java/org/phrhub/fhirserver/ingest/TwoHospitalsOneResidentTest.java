package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two hospitals hold the same resident under their own patient numbers: after enrolment there is one
 * Patient with both numbers, both hospitals' records refer to it, and the resident's consent decides
 * what a doctor sees of either.
 */
class TwoHospitalsOneResidentTest extends FhirServerIntegrationTest {

    @Autowired
    DaoRegistry daos;

    private final String firstHospital = String.format("13%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    private final String secondHospital = String.format("07%08d", ThreadLocalRandom.current().nextInt(100_000_000));

    @Test
    void bothHospitalsRecordsJoinOnePatientAndTheResidentsConsentGovernsBoth() {
        String resident = newResident();
        enrol(resident, firstHospital, "9999013");
        enrol(resident, secondHospital, "9999013");

        importSample(firstHospital);
        importSample(secondHospital);

        Patient patient = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(patient.getIdentifier()).extracting(identifier -> identifier.getSystem() + "|" + identifier.getValue())
                .contains("urn:oid:1.2.392.100495.20.3.51.1" + firstHospital + "|9999013",
                        "urn:oid:1.2.392.100495.20.3.51.1" + secondHospital + "|9999013");
        String prescriptions = "MedicationRequest?subject=" + resident + "&_count=50";
        FhirHttp.Response before = fhir.get(prescriptions, tokenOf("dr.suzuki"));
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.bundle().getEntry()).as("without the resident's consent the doctor sees nothing").isEmpty();

        grantMedicationsTo(resident, "Practitioner/dr-suzuki");

        Bundle after = fhir.get(prescriptions, tokenOf("dr.suzuki")).bundle();
        List<String> sources = after.getEntry().stream().map(entry -> entry.getResource().getMeta().getSource()).toList();
        assertThat(sources).hasSize(12) // OMP-01 and OMP-02 of the sample, 3 orders each, from each hospital
                .anySatisfy(source -> assertThat(source).contains(":" + firstHospital + "/"))
                .anySatisfy(source -> assertThat(source).contains(":" + secondHospital + "/"));
        assertThat(fhir.get("Condition?subject=" + resident, tokenOf("dr.suzuki")).bundle().getEntry())
                .as("the consent covers medication only").isEmpty();
    }

    private String newResident() {
        String id = "resident-" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem("https://phr-hub.example/fhir/sid/common-id").setValue("C-" + id);
        patient.addName().setFamily("患者").addGiven("太郎");
        daos.getResourceDao(Patient.class).update(patient, new SystemRequestDetails());
        return "Patient/" + id;
    }

    private void enrol(String resident, String institution, String patientNumber) {
        Parameters enrolment = new Parameters();
        enrolment.addParameter("commonId", "C-" + resident.substring("Patient/".length()));
        enrolment.addParameter("institution", institution);
        enrolment.addParameter("patientNumber", patientNumber);
        FhirHttp.Response response = fhir.post("$enrol", clientToken("ehr-importer"), enrolment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private void importSample(String institution) {
        FhirHttp.Response response = fhir.post("$import-ssmix2?institution=" + institution, clientToken("ehr-importer"),
                "application/zip", StorageTrees.zip(StorageTrees.sample()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** The resident opts in: the doctor may read their medication data for treatment. */
    private void grantMedicationsTo(String resident, String practitioner) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference(resident));
        consent.setDateTime(new Date());
        consent.getPolicyRule().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTIN");
        Consent.ProvisionComponent permit = consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision()
                .setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setReference(new Reference(practitioner)).setRole(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")));
        permit.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", null));
        permit.addCode(new CodeableConcept(new Coding("https://phr-hub.example/fhir/CodeSystem/data-class", "medication", null)));
        daos.getResourceDao(Consent.class).create(consent, new SystemRequestDetails());
    }
}
