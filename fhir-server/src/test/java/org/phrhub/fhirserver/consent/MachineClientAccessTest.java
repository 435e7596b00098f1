package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;

/** Machine clients write what their role is for and read nothing. */
class MachineClientAccessTest extends FhirServerIntegrationTest {

    @Test
    void deviceGatewayCreatesAnObservationButCanReadNothing() {
        String gateway = clientToken("device-gateway");
        Observation reading = Observations.heartRate("Patient/hanako", 72);

        FhirHttp.Response created = fhir.post("Observation", gateway, reading);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.resource(Observation.class).getIdElement().getIdPart();
        assertThat(fhir.get("Observation/" + id, tokenOf("hanako")).status())
                .as("the reading is in hanako's record")
                .isEqualTo(200);

        FhirHttp.Response read = fhir.get("Observation/" + id, gateway);
        FhirHttp.Response search = fhir.get("Observation?subject=Patient/hanako", gateway);
        FhirHttp.Response patient = fhir.get("Patient/hanako", gateway);
        FhirHttp.Response directory = fhir.get("Organization/aizu-clinic", gateway);
        for (FhirHttp.Response refused : new FhirHttp.Response[] {read, search, patient, directory}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.diagnostics()).containsIgnoringCase("client device-gateway").contains("read nothing");
            // The refusal names what was asked for, never what is stored.
            assertThat(refused.body()).doesNotContain("\"resourceType\":\"Observation\"").doesNotContain("8867-4");
        }
    }

    @Test
    void deviceGatewayMayNotWriteOtherKindsOfData() {
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/hanako"));
        diagnosis.getCode().setText("Hypertension");

        FhirHttp.Response refused = fhir.post("Condition", clientToken("device-gateway"), diagnosis);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("may not write Condition").contains("Device, Observation");
    }

    @Test
    void ehrImporterWritesClinicalDataButReadsNothing() {
        String importer = clientToken("ehr-importer");
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/taro"));
        diagnosis.getCode().setText("Essential hypertension");

        FhirHttp.Response created = fhir.post("Condition", importer, diagnosis);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.resource(Condition.class).getIdElement().getIdPart();
        assertThat(fhir.get("Condition/" + id, importer).status()).isEqualTo(403);
        assertThat(fhir.get("Condition/" + id, tokenOf("taro")).status()).isEqualTo(200);
    }

    @Test
    void cityBrokerFindsNoPatientWhoDidNotOptIn() {
        FhirHttp.Response found = fhir.get("Patient?_id=hanako,taro", clientToken("city-broker"));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.bundle().getEntry()).isEmpty();
        assertThat(found.bundle().getTotal()).isZero();
        assertThat(fhir.get("Patient/hanako", clientToken("city-broker")).status()).isEqualTo(404);
    }
}
