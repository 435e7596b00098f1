package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.testsupport.fhir.R4Validation;
import org.phrhub.testsupport.keycloak.TestKeycloak;

/**
 * What the import tests arrange the way the city and the importer do: residents registered by the city,
 * patient numbers enrolled on them, and imports as the {@code ehr-importer} client, each answered 200.
 */
final class HospitalImports {

    private final FhirHttp fhir;
    private final DaoRegistry daos;

    HospitalImports(FhirHttp fhir, DaoRegistry daos) {
        this.fhir = fhir;
        this.daos = daos;
    }

    /** The hospital whose patient numbers the test server reads under Synthea's medical record number system. */
    static final String MRN_INSTITUTION = "1399999901";

    /** A hospital of its own for a test, so that its patient numbers are enrolled nowhere else. */
    static String newInstitution(String prefecture) {
        return prefecture + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A resident registered by the city: a canonical Patient with a common ID and a kana name. */
    String newResident(String kana, String birthDate, AdministrativeGender gender) {
        String id = "resident-" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem("https://phr-hub.example/fhir/sid/common-id").setValue(commonIdOf("Patient/" + id));
        patient.addName().setText(kana).addExtension("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation",
                new CodeType("SYL"));
        patient.setBirthDateElement(new DateType(birthDate));
        patient.setGender(gender);
        daos.getResourceDao(Patient.class).update(patient, new SystemRequestDetails());
        return "Patient/" + id;
    }

    static String commonIdOf(String resident) {
        return "C-" + resident.substring("Patient/".length());
    }

    static Parameters enrolment(String commonId, String institution, String patientNumber) {
        Parameters parameters = new Parameters();
        parameters.addParameter("commonId", commonId);
        parameters.addParameter("institution", institution);
        parameters.addParameter("patientNumber", patientNumber);
        return parameters;
    }

    static Parameters enrolment(String commonId, String institution, String patientNumber, String system) {
        Parameters parameters = enrolment(commonId, institution, patientNumber);
        parameters.addParameter("system", new org.hl7.fhir.r4.model.UriType(system));
        return parameters;
    }

    /** Enrols the patient number on the resident with this common ID. */
    void enrol(String commonId, String institution, String patientNumber) {
        FhirHttp.Response response = fhir.post("$enrol", importer(), enrolment(commonId, institution, patientNumber));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    ImportReports importStorage(Path root, String institution) {
        FhirHttp.Response response = fhir.post("$import-ssmix2?institution=" + institution, importer(), "application/zip",
                StorageTrees.zip(root));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new ImportReports(response.resource(Parameters.class));
    }

    ImportReports importBundle(Bundle bundle, String institution) {
        FhirHttp.Response response = fhir.post("$import-bundle?institution=" + institution, importer(),
                "application/fhir+json", json(bundle));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new ImportReports(response.resource(Parameters.class));
    }

    static byte[] json(Bundle bundle) {
        return R4Validation.FHIR.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    private static String importer() {
        return TestKeycloak.instance().tokens().clientToken("ehr-importer");
    }
}
