package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whom a practitioner acts for comes from the hub's own directory. A hospital's bundle may carry
 * PractitionerRoles (they are kept as directory data of its records), but one naming a hub practitioner
 * does not make them a member of that hospital for the patients' Consents.
 */
class ImportedAffiliationTest extends FhirServerIntegrationTest {

    @Autowired
    DaoRegistry daos;

    @Test
    void aRoleThatAHospitalsBundleBroughtInLetsItsPractitionerReadNothingMore() {
        String institution = HospitalImports.newInstitution("07");
        HospitalImports hospitals = new HospitalImports(fhir, daos);
        String resident = hospitals.newResident("アイズ ハナ", "1950-01-02", org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "A-77");
        Bundle document = HospitalBundles.document(institution, "A-77", "doc-role-" + institution);
        String hospitalUrl = document.getEntry().stream()
                .filter(e -> e.getResource() instanceof Organization).findFirst().orElseThrow().getFullUrl();
        PractitionerRole claimedRole = new PractitionerRole().setActive(true)
                .setPractitioner(new Reference("Practitioner/dr-sato")).setOrganization(new Reference(hospitalUrl));
        claimedRole.addIdentifier().setSystem("http://hospital.example/staff-role").setValue("role-" + institution);
        document.addEntry().setFullUrl(HospitalBundles.urn()).setResource(claimedRole);
        assertThat(hospitals.importBundle(document, institution).files().getFirst().status()).isEqualTo("imported");
        PractitionerRole storedRole = storedRole("role-" + institution);
        assertThat(storedRole.getPractitioner().getReference()).as("the role names the hub's practitioner").isEqualTo("Practitioner/dr-sato");
        String hospital = storedRole.getOrganization().getReference();
        String reading = readingWithOptInFor(resident, hospital);

        int withImportedRole = fhir.get(reading, tokenOf("dr.sato")).status();
        PractitionerRole directoryRole = new PractitionerRole().setActive(true)
                .setPractitioner(new Reference("Practitioner/dr-sato")).setOrganization(new Reference(hospital));
        directoryRole.setId("dr-sato-" + institution);
        daos.getResourceDao(PractitionerRole.class).update(directoryRole, new SystemRequestDetails());
        int withDirectoryRole = fhir.get(reading, tokenOf("dr.sato")).status();
        daos.getResourceDao(PractitionerRole.class).update(directoryRole.setActive(false), new SystemRequestDetails());

        assertThat(withImportedRole).as("the hospital's own claim that dr-sato works there").isEqualTo(404);
        assertThat(withDirectoryRole).as("the same role in the hub's directory").isEqualTo(200);
    }

    /** The role as the import stored it, found by the hospital's own identifier. */
    private PractitionerRole storedRole(String identifier) {
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(PractitionerRole.SP_IDENTIFIER, new TokenParam("http://hospital.example/staff-role", identifier));
        return (PractitionerRole) daos.getResourceDao(PractitionerRole.class).search(query, new SystemRequestDetails())
                .getAllResources().getFirst();
    }

    /** A home reading of the resident, and the resident's opt-in for everyone at the hospital, for treatment. */
    private String readingWithOptInFor(String resident, String hospital) {
        Observation reading = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")))
                .setSubject(new Reference(resident));
        reading.setId("hr-" + UUID.randomUUID().toString().substring(0, 8));
        daos.getResourceDao(Observation.class).update(reading, new SystemRequestDetails());
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE)
                .setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)))
                .addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)))
                .setPatient(new Reference(resident));
        Consent.ProvisionComponent permit = consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision()
                .setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setReference(new Reference(hospital)).setRole(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)));
        permit.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", null));
        daos.getResourceDao(Consent.class).create(consent, new SystemRequestDetails());
        return "Observation/" + reading.getIdElement().getIdPart();
    }
}
