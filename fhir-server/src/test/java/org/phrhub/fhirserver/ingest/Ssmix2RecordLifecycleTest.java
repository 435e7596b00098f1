package org.phrhub.fhirserver.ingest;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One prescription's files over time: the newest occurrence of an order supersedes older ones, a newer
 * file changes what it changes, the deleted flag removes the order; the resident (taro) sees the data,
 * a doctor without his consent does not.
 */
class Ssmix2RecordLifecycleTest extends FhirServerIntegrationTest {

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final String ORDER = "9999013_20110701_OMP-01_000000011000185_";
    private static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";

    @Autowired
    DaoRegistry daos;

    @Autowired
    org.phrhub.consent.hapi.ConsentGuard guard;

    @TempDir
    Path work;

    private final String institution = HospitalImports.newInstitution("27");

    private HospitalImports hospitals;

    @org.junit.jupiter.api.BeforeEach
    void arrangeHospitals() {
        hospitals = new HospitalImports(fhir, daos);
    }


    @Test
    void newestFileOfAnOrderWinsAndTheDeletedFlagRemovesTheOrder() throws IOException {
        hospitals.enrol("C0000000002", institution, "9999013"); // taro
        byte[] original = sampleOrder();
        // The hospital corrected the second drug's dose (2 tablets → 4) and wrote the order again.
        byte[] corrected = new String(original, ISO_2022_JP).replace("パンスポリンＴ錠（１００mg)^HOT9|2|", "パンスポリンＴ錠（１００mg)^HOT9|4|")
                .getBytes(ISO_2022_JP);
        Path storage = work.resolve("storage");
        StorageTrees.place(storage, ORDER + "20110701224603984_01_1", original);
        StorageTrees.place(storage, ORDER + "20110702090000000_01_1", corrected);

        ImportReports both = hospitals.importStorage(storage, institution);

        assertThat(both.file("999/901/9999013/20110701/OMP-01/" + ORDER + "20110701224603984").status()).isEqualTo("superseded");
        ImportReports.File newest = both.file("999/901/9999013/20110701/OMP-01/" + ORDER + "20110702090000000");
        assertThat(newest.status()).isEqualTo("imported");
        assertThat(newest.created()).isEqualTo(3);
        assertThat(doseOf("110626901")).isEqualTo("4");

        // The older file alone, sent again later: the hub keeps the newer one.
        Path olderOnly = work.resolve("older");
        StorageTrees.place(olderOnly, ORDER + "20110701224603984_01_1", original);
        ImportReports late = hospitals.importStorage(olderOnly, institution);
        assertThat(late.file("999/901/9999013/20110701/OMP-01/").status()).isEqualTo("superseded");
        assertThat(late.file("999/901/9999013/20110701/OMP-01/").reason()).get().asString().contains("holds a newer file");
        assertThat(doseOf("110626901")).isEqualTo("4");

        // Correcting it once more changes one drug and leaves the other two as they are.
        Path again = work.resolve("again");
        StorageTrees.place(again, ORDER + "20110703090000000_01_1", new String(corrected, ISO_2022_JP)
                .replace("|50||MG^", "|60||MG^").getBytes(ISO_2022_JP));
        ImportReports third = hospitals.importStorage(again, institution);
        assertThat(third.file("999/901/9999013/20110701/OMP-01/")).satisfies(file -> {
            assertThat(file.updated()).isEqualTo(1);
            assertThat(file.unchanged()).isEqualTo(2);
        });

        Path deletion = work.resolve("deletion");
        StorageTrees.place(deletion, ORDER + "20110704090000000_01_0", corrected);
        ImportReports deleted = hospitals.importStorage(deletion, institution);

        assertThat(deleted.file("999/901/9999013/20110701/OMP-01/")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("deleted");
            assertThat(file.deleted()).isEqualTo(3);
        });
        assertThat(prescriptionsOf("Patient/taro")).isEmpty();
    }

    @Test
    void importedDataKeepsItsSourceIsValidR4IsAuditedAndIsReadAsTheResidentsConsentsAllow() throws Exception {
        hospitals.enrol("C0000000002", institution, "9999013"); // taro
        Path storage = work.resolve("storage");
        StorageTrees.place(storage, ORDER + "20110701224603984_01_1", sampleOrder());
        hospitals.importStorage(storage, institution);

        List<MedicationRequest> prescriptions = prescriptionsOf("Patient/taro");
        assertThat(prescriptions).hasSize(3).allSatisfy(request -> {
            assertThat(request.getMeta().getSource()).isEqualTo("urn:phr-hub:ssmix2:" + institution + "/999/901/9999013/20110701/OMP-01/"
                    + ORDER + "20110701224603984_01_1");
            assertThat(request.getMeta().getTag("https://phr-hub.example/fhir/CodeSystem/data-source", "ehr")).isNotNull();
            assertThat(request.getSubject().getReference()).isEqualTo("Patient/taro");
        });
        for (MedicationRequest request : prescriptions) {
            assertThat(R4Validation.errors(request)).as("R4 validation of %s", request.getIdElement()).isEmpty();
        }
        Provenance provenance = provenanceOf("MedicationRequest/" + prescriptions.getFirst().getIdElement().getIdPart());
        assertThat(provenance.getTarget()).hasSize(3);
        assertThat(provenance.getEntityFirstRep().getWhat().getDisplay()).endsWith(ORDER + "20110701224603984_01_1");
        assertThat(provenance.getAgent()).extracting(agent -> agent.getWho().getReference()).anySatisfy(who ->
                assertThat(who).startsWith("Organization/ehr-"));
        assertThat(R4Validation.errors(provenance)).isEmpty();

        assertThat(guard.awaitAuditTrail(java.time.Duration.ofSeconds(30))).isTrue();
        FhirHttp.Response log = fhir.get("AuditEvent?patient=Patient/taro&_count=200&_sort=-date", tokenOf("taro"));
        assertThat(log.bundle().getEntry()).as("taro's access log names the import").anySatisfy(entry -> {
            org.hl7.fhir.r4.model.AuditEvent event = (org.hl7.fhir.r4.model.AuditEvent) entry.getResource();
            assertThat(event.getOutcome().toCode()).isEqualTo("0");
            assertThat(event.getAgent()).anySatisfy(agent ->
                    assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("ehr-importer"));
            assertThat(event.getEntity()).anySatisfy(entity ->
                    assertThat(entity.getDescription()).contains("$import-ssmix2"));
        });

        FhirHttp.Response own = fhir.get("MedicationRequest?subject=Patient/taro&code=" + HOT9 + "%7C108665201", tokenOf("taro"));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.bundle().getEntry()).isNotEmpty();
        FhirHttp.Response doctor = fhir.get("MedicationRequest?subject=Patient/taro&code=" + HOT9 + "%7C108665201", tokenOf("dr.suzuki"));
        assertThat(doctor.status()).as(doctor.toString()).isEqualTo(200);
        assertThat(doctor.bundle().getEntry()).as("no consent of taro lets dr.suzuki read his prescriptions").isEmpty();
    }

    private static byte[] sampleOrder() throws IOException {
        try (var files = Files.list(StorageTrees.sample().resolve("999/901/9999013/20110701/OMP-01"))) {
            return Files.readAllBytes(files.findFirst().orElseThrow());
        }
    }

    /** This test's hospital's prescriptions of the patient (other tests import the same sample for taro). */
    private List<MedicationRequest> prescriptionsOf(String patient) {
        SearchParameterMap search = SearchParameterMap.newSynchronous()
                .add(MedicationRequest.SP_SUBJECT, new ReferenceParam(patient));
        return daos.getResourceDao(MedicationRequest.class).search(search, new SystemRequestDetails()).getAllResources().stream()
                .map(MedicationRequest.class::cast)
                .filter(request -> request.getMeta().getSource() != null && request.getMeta().getSource().contains(":" + institution + "/"))
                .toList();
    }

    private String doseOf(String hot9) {
        return prescriptionsOf("Patient/taro").stream()
                .filter(request -> request.getMedicationCodeableConcept().getCoding().stream().anyMatch(c -> hot9.equals(c.getCode())))
                .findFirst().orElseThrow()
                .getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().getValue().toPlainString();
    }

    private Provenance provenanceOf(String target) {
        var results = daos.getResourceDao(Provenance.class).search(SearchParameterMap.newSynchronous()
                .add(Provenance.SP_TARGET, new ReferenceParam(target)), new SystemRequestDetails()).getAllResources();
        assertThat(results).hasSize(1);
        return (Provenance) results.getFirst();
    }
}
