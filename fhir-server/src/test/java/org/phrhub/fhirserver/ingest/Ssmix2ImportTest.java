package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A hospital's SS-MIX2 storage through {@code $import-ssmix2} into the real server, file by file. */
class Ssmix2ImportTest extends FhirServerIntegrationTest {

    private static final String ZIP = "application/zip";

    @Autowired
    DaoRegistry daos;

    @TempDir
    Path work;

    /** Each test is a hospital of its own, so that its patient numbers are enrolled nowhere else. */
    private final String institution = HospitalImports.newInstitution("13");

    private HospitalImports hospitals;

    @org.junit.jupiter.api.BeforeEach
    void arrangeHospitals() {
        hospitals = new HospitalImports(fhir, daos);
    }


    @Test
    void sampleStorageIsReportedFileByFileWithEachOfItsQuirks() {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");

        ImportReports report = hospitals.importStorage(StorageTrees.sample(), institution);

        assertThat(report.file("999/901/9999013/-/ADT-00/").status()).isEqualTo("imported");
        assertThat(report.file("000/000/0000001/20000401/ADT-31/").status()).isEqualTo("error");
        assertThat(report.file("000/000/0000001/20000401/ADT-31/").reason()).get().asString()
                .contains("file name and folder disagree", "patient 9999013", "data type OMP-11");
        assertThat(report.file("000/000/0000001/20000401/OMP-11/0000001_20000401_OMP-11_123456789012346").status())
                .isEqualTo("deleted");
        assertThat(report.file("999/901/9999013/-/ADT-61/").reason()).get().asString()
                .contains("PID-3 names patient 12345678", "storage of patient 9999013");
        assertThat(report.file("999/901/9999013/-/PPR-01/").status()).isEqualTo("error");
        assertThat(report.file("999/901/9999013/20111220/OML-11/").reason()).get().asString()
                .contains("PID-3 names patient 0001000052");
        assertThat(report.file("999/901/9999013/20110701/OMP-01/")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("imported");
            assertThat(file.created()).isEqualTo(3); // three drugs of the outpatient prescription
        });
        assertThat(report.file("999/901/9999013/20110701/OMP-02/")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("imported");
            assertThat(file.created()).isEqualTo(3); // three drip orders of the inpatient injection
        });
        assertThat(report.file("999/901/9999013/20111013/OMD/").status()).isEqualTo("skipped");
        assertThat(report.file("999/901/9999013/20111013/OMD/").reason()).get().asString()
                .contains("data type OMD is not imported");
        assertThat(report.files()).hasSize(22);
    }

    @Test
    void olderStampsAndExtendedStorageVitalSignsAreImportedAndWhatIsNotReadIsReported() throws Exception {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");
        String prescription = "999/901/9999013/20110701/OMP-01/";
        Path storage = StorageTrees.copy(StorageTrees.sample(), work.resolve("storage"), prescription);
        byte[] sampleOrder;
        try (var files = Files.list(storage.resolve(prescription))) {
            sampleOrder = Files.readAllBytes(files.findFirst().orElseThrow());
        }
        // The same outpatient prescription written again later by a system that cuts its stamps to tenths of a
        // second: 22:46:04.0 comes after the sample's 22:46:03.984, though its 15 digits are the smaller number.
        StorageTrees.place(storage, "9999013_20110701_OMP-01_000000011000185_201107012246040_01_1", sampleOrder);
        StorageTrees.place(storage, "9999013_20110701_OMP-01_000000011000186_2011070122_01_1", sampleOrder);
        String vitals = "999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01/";
        StorageTrees.copy(StorageTrees.synthetic(), storage, vitals);
        String summary = "9999013_20111221_^退院時サマリー^^18842-5^退院時サマリー^LN_000000020111221_20111221170000000_01_1";
        StorageTrees.placeInDocument(storage, summary, "main_document.xml", "<ClinicalDocument/>".getBytes());
        StorageTrees.placeInDocument(storage, summary, "figure1.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        ImportReports report = hospitals.importStorage(storage, institution);

        assertThat(report.file(prescription + "9999013_20110701_OMP-01_000000011000185_201107012246040")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("imported");
            assertThat(file.created()).isEqualTo(3);
        });
        assertThat(report.file(prescription + "9999013_20110701_OMP-01_000000011000185_20110701224603984").status())
                .isEqualTo("superseded");
        assertThat(report.file(prescription + "9999013_20110701_OMP-01_000000011000186").status()).isEqualTo("error");
        assertThat(report.file(prescription + "9999013_20110701_OMP-01_000000011000186").reason()).get().asString()
                .contains("occurrence stamp 2011070122 of 10 digits", "14 to 17 digits");
        assertThat(report.file(vitals)).satisfies(file -> {
            assertThat(file.path()).endsWith("/main_document.hl7");
            assertThat(file.status()).isEqualTo("imported");
            assertThat(file.created()).isEqualTo(8); // pulse, respiration, temperature at 08:00 and 08:30, two pressure panels
        });
        assertThat(report.file("999/901/9999013/20111221/^退院時サマリー^^18842-5^退院時サマリー^LN/" + summary + "/main_document.xml"))
                .satisfies(file -> {
                    assertThat(file.status()).isEqualTo("skipped");
                    assertThat(file.reason()).get().asString().contains("not imported", "HL7 CDA");
                });
        assertThat(report.file("999/901/9999013/20111221/^退院時サマリー^^18842-5^退院時サマリー^LN/" + summary + "/figure1.png")
                .status()).isEqualTo("skipped");
        assertThat(report.files()).hasSize(6);

        List<Observation> stored = daos.getResourceDao(Observation.class).search(SearchParameterMap.newSynchronous()
                .add("subject", new ReferenceParam(resident)).add("category", new TokenParam("vital-signs")),
                new SystemRequestDetails()).getAllResources().stream().map(Observation.class::cast).toList();
        assertThat(stored).extracting(o -> o.getCode().getCodingFirstRep().getSystem() + "|" + o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("http://loinc.org|8867-4", "http://loinc.org|8867-4", "http://loinc.org|9279-1",
                        "http://loinc.org|9279-1", "http://loinc.org|8310-5", "http://loinc.org|8310-5",
                        "http://loinc.org|85354-9", "http://loinc.org|85354-9");
        Observation lateTemperature = stored.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("8310-5")
                && o.getValueQuantity().getValue().compareTo(new java.math.BigDecimal("37.6")) == 0).findFirst().orElseThrow();
        assertThat(lateTemperature.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(lateTemperature.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-21T08:30:00+09:00");
        assertThat(lateTemperature.getMeta().getSource())
                .startsWith("urn:phr-hub:ssmix2:" + institution + "/999/901/9999013/20111221/L-OBSERVATIONS%5EOBSERVATIONS%5E99ZL01/")
                .endsWith("/main_document.hl7");
        assertThat(stored).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
                .extracting(o -> o.getComponent().get(0).getValueQuantity().getValue().toPlainString() + "/"
                        + o.getComponent().get(1).getValueQuantity().getValue().toPlainString())
                .containsExactlyInAnyOrder("124/78", "131/80");
    }

    @Test
    void importingTheSameStorageTwiceChangesNothing() {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");
        ImportReports first = hospitals.importStorage(StorageTrees.sample(), institution);
        String residentVersion = daos.getResourceDao(Patient.class)
                .read(new org.hl7.fhir.r4.model.IdType(resident), new SystemRequestDetails()).getMeta().getVersionId();

        String provenanceVersion = provenanceVersionOfTheOutpatientPrescription(resident);

        ImportReports second = hospitals.importStorage(StorageTrees.sample(), institution);

        assertThat(second.total("created")).isZero();
        assertThat(second.total("updated")).isZero();
        assertThat(second.total("deleted")).isZero();
        assertThat(second.total("unchanged")).isEqualTo(first.total("created") + first.total("updated") + first.total("unchanged"));
        assertThat(second.files()).extracting(ImportReports.File::status)
                .containsExactlyElementsOf(first.files().stream().map(ImportReports.File::status).toList());
        assertThat(daos.getResourceDao(Patient.class).read(new org.hl7.fhir.r4.model.IdType(resident), new SystemRequestDetails())
                .getMeta().getVersionId()).isEqualTo(residentVersion);
        assertThat(provenanceVersionOfTheOutpatientPrescription(resident)).as("the file's Provenance").isEqualTo(provenanceVersion);
    }

    @Test
    void aFileChangedUnderTheSameNameIsReadAgainWhileTheUnchangedOnesAreReportedUnchanged() throws Exception {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");
        Path tree = StorageTrees.copy(StorageTrees.sample(), work.resolve("storage"));
        ImportReports first = hospitals.importStorage(tree, institution);
        String prescription = "999/901/9999013/20110701/OMP-01/";
        Path prescriptionFile;
        try (var files = Files.list(tree.resolve(prescription))) {
            prescriptionFile = files.findFirst().orElseThrow();
        }
        // The hospital's system rewrites the file in place with a corrected amount of its first drug (15 tablets
        // to 21): same name, other content.
        String text = new String(Files.readAllBytes(prescriptionFile), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(prescriptionFile, text.replaceFirst("\\|\\|\\|\\|\\|15\\|TAB", "|||||21|TAB")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        ImportReports second = hospitals.importStorage(tree, institution);

        ImportReports.File changed = second.file(prescription);
        assertThat(changed.status()).isEqualTo("imported");
        assertThat(changed.updated()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(first.file(prescription).created() - 1);
        assertThat(second.total("updated")).isEqualTo(1);
        assertThat(second.total("created")).isZero();
        assertThat(second.total("unchanged")).isEqualTo(first.total("created") + first.total("updated") + first.total("unchanged") - 1);
        assertThat(second.files()).extracting(ImportReports.File::status)
                .containsExactlyElementsOf(first.files().stream().map(ImportReports.File::status).toList());
        String stored = daos.getResourceDao(org.hl7.fhir.r4.model.MedicationRequest.class).search(SearchParameterMap.newSynchronous()
                .add("subject", new ReferenceParam(resident)), new SystemRequestDetails()).getAllResources().stream()
                .map(r -> ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(r))
                .reduce("", String::concat);
        assertThat(stored).contains("\"value\":21");
    }

    private String provenanceVersionOfTheOutpatientPrescription(String resident) {
        var prescription = daos.getResourceDao(org.hl7.fhir.r4.model.MedicationRequest.class).search(
                ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous().add("subject",
                        new ca.uhn.fhir.rest.param.ReferenceParam(resident)), new SystemRequestDetails()).getAllResources().getFirst();
        var provenances = daos.getResourceDao(org.hl7.fhir.r4.model.Provenance.class).search(
                ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous().add("target",
                        new ca.uhn.fhir.rest.param.ReferenceParam(prescription.getIdElement().toUnqualifiedVersionless().getValue())),
                new SystemRequestDetails()).getAllResources();
        assertThat(provenances).hasSize(1);
        return provenances.getFirst().getIdElement().getVersionIdPart();
    }

    @Test
    void unenrolledPatientIsHeldForReviewWithTheResidentWhoMatchesAndImportedOnceEnrolled() {
        String lookalike = hospitals.newResident("ｶﾝｼﾞｬ ﾀﾛｳ", "1948-04-05", AdministrativeGender.MALE);
        Path storage = StorageTrees.copy(StorageTrees.sample(), work.resolve("storage"), "999/901/9999013/-/ADT-00");

        ImportReports held = hospitals.importStorage(storage, institution);

        assertThat(held.file("999/901/9999013/-/ADT-00/").status()).isEqualTo("held");
        assertThat(held.file("999/901/9999013/-/ADT-00/").reason()).get().asString()
                .contains("patient number 9999013 of institution " + institution, "enrolled on no resident");
        Parameters review = fhir.post("$identity-review", clientToken("ehr-importer"), new Parameters()).resource(Parameters.class);
        Parameters.ParametersParameterComponent candidate = review.getParameter().stream()
                .filter(p -> p.getPart().stream().anyMatch(part -> part.getName().equals("institution")
                        && part.getValue().primitiveValue().equals(institution)))
                .findFirst().orElseThrow();
        assertThat(candidate.getPart()).anySatisfy(part -> {
            assertThat(part.getName()).isEqualTo("suggestedResident");
            assertThat(part.getValue().primitiveValue()).isEqualTo(lookalike);
        });
        assertThat(candidate.getPart()).anySatisfy(part -> {
            assertThat(part.getName()).isEqualTo("kanaName");
            assertThat(part.getValue().primitiveValue()).isEqualTo("カンジャ タロウ");
        });

        hospitals.enrol(HospitalImports.commonIdOf(lookalike), institution, "9999013");
        ImportReports imported = hospitals.importStorage(storage, institution);

        assertThat(imported.file("999/901/9999013/-/ADT-00/").status()).isEqualTo("imported");
        Parameters after = fhir.post("$identity-review", clientToken("ehr-importer"), new Parameters()).resource(Parameters.class);
        assertThat(after.getParameter()).noneSatisfy(p -> assertThat(p.getPart()).anySatisfy(part ->
                assertThat(part.getValue().primitiveValue()).isEqualTo(institution)));
        Patient enriched = daos.getResourceDao(Patient.class).read(new org.hl7.fhir.r4.model.IdType(lookalike), new SystemRequestDetails());
        assertThat(enriched.getIdentifier()).anySatisfy(identifier -> {
            assertThat(identifier.getSystem()).isEqualTo("urn:oid:1.2.392.100495.20.3.51.1" + institution);
            assertThat(identifier.getValue()).isEqualTo("9999013");
        });
        assertThat(enriched.getName()).extracting(name -> name.getText()).contains("患者 太郎");
    }

    @Test
    void aLargeLoadRunsAsAJobWhoseReportIsPolled() throws InterruptedException {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");

        FhirHttp.Response accepted = fhir.post("$import-ssmix2?institution=" + institution, clientToken("ehr-importer"),
                ZIP, StorageTrees.zip(StorageTrees.sample()), "Prefer", "respond-async");

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String status = accepted.header("Content-Location");
        assertThat(status).contains("/fhir/$import-status?job=");
        FhirHttp.Response polled = fhir.follow(status, clientToken("ehr-importer"));
        for (int attempt = 0; polled.status() == 202 && attempt < 120; attempt++) {
            Thread.sleep(500);
            polled = fhir.follow(status, clientToken("ehr-importer"));
        }
        assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
        ImportReports report = new ImportReports(polled.resource(Parameters.class));
        assertThat(report.files()).hasSize(22);
        assertThat(report.file("999/901/9999013/20110701/OMP-01/").created()).isEqualTo(3);
        assertThat(fhir.follow(status.replaceAll("job=.*", "job=no-such-job"), clientToken("ehr-importer")).status())
                .isEqualTo(404);
        assertThat(fhir.follow(status, clientToken("device-gateway")).status()).isEqualTo(403);
    }

    @Test
    void aPatientNumberTwoPatientsCarryIsAnErrorAndStoresNothing() {
        String resident = hospitals.newResident("カンジャ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "9999013");
        // A second Patient with the number, as a faulty migration might leave: the hub does not pick one.
        Patient duplicate = new Patient();
        duplicate.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.1" + institution).setValue("9999013");
        daos.getResourceDao(Patient.class).create(duplicate, new SystemRequestDetails());

        ImportReports report = hospitals.importStorage(StorageTrees.sample(), institution);

        assertThat(report.file("999/901/9999013/20110701/OMP-01/")).satisfies(file -> {
            assertThat(file.status()).isEqualTo("error");
            assertThat(file.reason()).get().asString().contains("2 Patients carry the identifier", "|9999013",
                    "resolve the duplicates");
        });
        assertThat(report.total("created")).isZero();
        assertThat(daos.getResourceDao(Observation.class).search(new SearchParameterMap()
                .add("subject", new ReferenceParam(resident)).setLoadSynchronous(true), new SystemRequestDetails()).size())
                .isZero();
    }

    @Test
    void anEnrolledPatientNumberCannotBeEnrolledOnAnotherResident() {
        String first = hospitals.newResident("イチ", "1970-01-01", AdministrativeGender.FEMALE);
        String second = hospitals.newResident("ニ", "1970-01-01", AdministrativeGender.FEMALE);
        hospitals.enrol(HospitalImports.commonIdOf(first), institution, "4711");

        FhirHttp.Response refused = fhir.post("$enrol", clientToken("ehr-importer"),
                HospitalImports.enrolment(HospitalImports.commonIdOf(second), institution, "4711"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.diagnostics()).contains("enrolled on another resident");
        FhirHttp.Response again = fhir.post("$enrol", clientToken("ehr-importer"),
                HospitalImports.enrolment(HospitalImports.commonIdOf(first), institution, "4711"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.resource(Parameters.class).getParameterBool("linked")).isFalse();
    }

    @Test
    void onlyTheEhrImporterMayImportOrEnrol() {
        byte[] zip = StorageTrees.zip(StorageTrees.sample());
        for (String token : new String[] {clientToken("device-gateway"), tokenOf("hanako"), tokenOf("dr.suzuki")}) {
            FhirHttp.Response refused = fhir.post("$import-ssmix2?institution=" + institution, token, ZIP, zip);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.diagnostics()).contains("ehr-importer client only");
            assertThat(fhir.post("$enrol", token, HospitalImports.enrolment("C0000000001", institution, "1")).status()).isEqualTo(403);
        }
    }

    @Test
    void badUploadsGetAClearErrorAndChangeNothing() {
        String importer = clientToken("ehr-importer");

        FhirHttp.Response notZip = fhir.post("$import-ssmix2?institution=" + institution, importer, ZIP, "MSH|^~\\&|".getBytes());
        FhirHttp.Response noInstitution = fhir.post("$import-ssmix2", importer, ZIP, StorageTrees.zip(StorageTrees.sample()));

        assertThat(notZip.status()).as(notZip.toString()).isEqualTo(400);
        assertThat(notZip.diagnostics()).contains("zip of an SS-MIX2 storage tree");
        assertThat(noInstitution.status()).as(noInstitution.toString()).isEqualTo(400);
        assertThat(noInstitution.diagnostics()).contains("10-digit medical institution code");
    }
}
