package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
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

    private final String firstHospital = HospitalImports.newInstitution("13");
    private final String secondHospital = HospitalImports.newInstitution("07");

    private HospitalImports hospitals;

    @org.junit.jupiter.api.BeforeEach
    void arrangeHospitals() {
        hospitals = new HospitalImports(fhir, daos);
    }


    @Test
    void bothHospitalsRecordsJoinOnePatientAndTheResidentsConsentGovernsBoth() {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), firstHospital, "9999013");
        hospitals.enrol(HospitalImports.commonIdOf(resident), secondHospital, "9999013");

        hospitals.importStorage(StorageTrees.sample(), firstHospital);
        hospitals.importStorage(StorageTrees.sample(), secondHospital);

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
