package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.synthetic.ssmix2.SyntheticBundles;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several hospitals send the same resident's records at the same moment. Each bundle updates the resident's
 * canonical Patient, so their transactions collide on it; every one is still imported whole, none is reported
 * as an error, and nothing is stored twice.
 */
class ConcurrentHospitalImportsTest extends FhirServerIntegrationTest {

    private static final int HOSPITALS = 6;

    @Autowired
    DaoRegistry daos;

    @Test
    void bundlesOfOneResidentFromSeveralHospitalsAtOnceAreAllImported() throws Exception {
        HospitalImports hospitals = new HospitalImports(fhir, daos);
        String resident = hospitals.newResident("ドウジ ハナコ", "1952-08-17", AdministrativeGender.FEMALE);
        SyntheticResident person = SyntheticResident.residents(1, 11).getFirst().withPatientNumber("7700001");
        SyntheticHistory plan = SyntheticHistory.monthly(LocalDate.of(2025, 4, 1), 2, 11);
        List<String> institutions = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>();
        for (int i = 0; i < HOSPITALS; i++) {
            String institution = HospitalImports.newInstitution("13");
            hospitals.enrol(HospitalImports.commonIdOf(resident), institution, person.patientNumber());
            institutions.add(institution);
            bundles.add(SyntheticBundles.bundles(List.of(person), plan, institution).getFirst());
        }

        CyclicBarrier start = new CyclicBarrier(HOSPITALS);
        List<CompletableFuture<ImportReports>> imports = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(HOSPITALS)) {
            for (int i = 0; i < HOSPITALS; i++) {
                Bundle bundle = bundles.get(i);
                String institution = institutions.get(i);
                imports.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return hospitals.importBundle(bundle, institution);
                }, pool));
            }
        }

        int created = 0;
        for (int i = 0; i < HOSPITALS; i++) {
            ImportReports report = imports.get(i).join();
            assertThat(report.files()).as("hospital %d", i).singleElement()
                    .satisfies(file -> assertThat(file.status()).as(file.reason().orElse("")).isEqualTo("imported"));
            assertThat(report.total("files-error")).isZero();
            created += report.total("created");
        }
        long clinicalEntries = bundles.stream().mapToLong(bundle -> bundle.getEntry().stream()
                .filter(entry -> !(entry.getResource() instanceof Patient)).count()).sum();
        assertThat(created).as("every clinical resource of every hospital, once").isEqualTo(clinicalEntries);
        Patient patient = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        for (String institution : institutions) {
            assertThat(patient.getIdentifier()).extracting(identifier -> identifier.getSystem() + "|" + identifier.getValue())
                    .contains("urn:oid:1.2.392.100495.20.3.51.1" + institution + "|" + person.patientNumber());
        }
    }
}
