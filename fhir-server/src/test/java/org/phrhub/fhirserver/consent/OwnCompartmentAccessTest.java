package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;

/** Before any Consent exists, a patient sees and writes their own record and nobody else's. */
class OwnCompartmentAccessTest extends FhirServerIntegrationTest {

    @Test
    void patientCreatesObservationAboutHerselfAndReadsItBack() {
        Observation reading = Observations.heartRate("Patient/hanako", 64);

        FhirHttp.Response created = fhir.post("Observation", tokenOf("hanako"), reading);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.resource(Observation.class).getIdElement().getIdPart();
        FhirHttp.Response readBack = fhir.get("Observation/" + id, tokenOf("hanako"));
        assertThat(readBack.status()).isEqualTo(200);
        Observation stored = readBack.resource(Observation.class);
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/hanako");
        assertThat(((Quantity) stored.getValue()).getValue().intValue()).isEqualTo(64);
        assertThat(Observations.identifierOf(stored)).isEqualTo(Observations.identifierOf(reading));
    }

    @Test
    void otherPatientCannotReadItAndGetsTheAnswerForAResourceThatDoesNotExist() {
        String id = storedReadingOfHanako();

        FhirHttp.Response hidden = fhir.get("Observation/" + id, tokenOf("taro"));
        FhirHttp.Response missing = fhir.get("Observation/" + id + "-never-stored", tokenOf("taro"));

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.diagnostics())
                .isEqualTo(missing.diagnostics().replace(id + "-never-stored", id))
                .doesNotContain("HAPI-");
        assertThat(hidden.body()).doesNotContain("hanako");
    }

    @Test
    void otherPatientCannotFindIt() {
        String id = storedReadingOfHanako();
        String taro = tokenOf("taro");

        Bundle byId = fhir.get("Observation?_id=" + id, taro).bundle();
        Bundle bySubject = fhir.get("Observation?subject=Patient/hanako", taro).bundle();
        Bundle everything = fhir.get("Observation?_count=200", taro).bundle();

        assertThat(byId.getEntry()).isEmpty();
        assertThat(bySubject.getEntry()).isEmpty();
        assertThat(everything.getEntry())
                .isNotEmpty() // taro's own morning reading from the demo data
                .allSatisfy(entry -> assertThat(((Observation) entry.getResource()).getSubject().getReference())
                        .isEqualTo("Patient/taro"));
    }

    @Test
    void otherPatientCannotReadHerPatientResource() {
        assertThat(fhir.get("Patient/hanako", tokenOf("hanako")).status()).isEqualTo(200);
        assertThat(fhir.get("Patient/hanako", tokenOf("taro")).status()).isEqualTo(404);
        assertThat(fhir.get("Patient?_id=hanako", tokenOf("taro")).bundle().getEntry()).isEmpty();
    }

    @Test
    void patientCannotWriteIntoAnotherPatientsRecordAndNothingIsStored() {
        Observation forTaro = Observations.heartRate("Patient/taro", 80);

        FhirHttp.Response refused = fhir.post("Observation", tokenOf("hanako"), forTaro);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("Patient/hanako").contains("own record");
        Bundle stored = fhir.get(
                        Observations.searchFor(forTaro),
                        tokenOf("taro"))
                .bundle();
        assertThat(stored.getEntry()).isEmpty();
    }

    @Test
    void patientCannotTakeOverAnotherPatientsResourceByUpdatingIt() {
        Observation takeover = Observations.heartRate("Patient/hanako", 90);
        takeover.setId("taro-bp-morning");

        FhirHttp.Response refused = fhir.put("Observation/taro-bp-morning", tokenOf("hanako"), takeover);

        assertThat(refused.status()).isEqualTo(403);
        Observation unchanged = fhir.get("Observation/taro-bp-morning", tokenOf("taro")).resource(Observation.class);
        assertThat(unchanged.getSubject().getReference()).isEqualTo("Patient/taro");
        assertThat(unchanged.getCode().getCodingFirstRep().getCode()).isEqualTo("85354-9");
    }

    @Test
    void clinicianReadsNoPatientDataYetButDirectoryData() {
        // dr.sato: hanako's demo visit Consent names her online clinicians, not him.
        String doctor = tokenOf("dr.sato");

        assertThat(fhir.get("Patient/hanako", doctor).status()).isEqualTo(404);
        assertThat(fhir.get("Observation?subject=Patient/hanako", doctor).bundle().getEntry()).isEmpty();
        assertThat(fhir.get("Organization/aizu-clinic", doctor).status()).isEqualTo(200);
        assertThat(fhir.get("Practitioner/dr-suzuki", doctor).status()).isEqualTo(200);
    }

    @Test
    void patientReadsHerWholeRecordThroughEverything() {
        Bundle record = fhir.get("Patient/hanako/$everything", tokenOf("hanako")).bundle();

        assertThat(record.getEntry()).extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .contains("Patient/hanako", "Observation/hanako-bp-morning", "Observation/hanako-bp-evening")
                .doesNotContain("Patient/taro", "Observation/taro-bp-morning");
        FhirHttp.Response others = fhir.get("Patient/taro/$everything", tokenOf("hanako"));
        assertThat(others.status()).isEqualTo(403);
    }

    private String storedReadingOfHanako() {
        FhirHttp.Response created = fhir.post("Observation", tokenOf("hanako"), Observations.heartRate("Patient/hanako", 66));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.resource(Observation.class).getIdElement().getIdPart();
    }
}
