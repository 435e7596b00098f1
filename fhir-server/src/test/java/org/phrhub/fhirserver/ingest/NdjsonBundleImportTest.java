package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A hospital's export of many bundles in one upload ({@code application/fhir+ndjson}, one Bundle per line):
 * each bundle is imported as when sent alone, a bad line is that line's error and nothing else's, the report
 * keeps the order of the lines, and the same export sent again changes nothing.
 */
class NdjsonBundleImportTest extends FhirServerIntegrationTest {

    private static final String NDJSON = "application/fhir+ndjson";

    @Autowired
    private DaoRegistry daos;

    private HospitalImports hospitals;
    private String institution;

    @BeforeEach
    void arrangeHospital() {
        hospitals = new HospitalImports(fhir, daos);
        institution = HospitalImports.newInstitution("14");
    }

    @Test
    void manyBundlesInOneUploadAreEachImportedAsAloneAndReportedInTheirOrder() {
        String yamada = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        String suzuki = hospitals.newResident("スズキ ハナコ", "1952-11-20", AdministrativeGender.FEMALE);
        hospitals.enrol(HospitalImports.commonIdOf(yamada), institution, "P-1");
        hospitals.enrol(HospitalImports.commonIdOf(suzuki), institution, "P-2");
        List<Bundle> export = List.of(
                HospitalBundles.jpCoreCollection(institution, "P-1", "doc-1", "2024-06-01T10:00:00+09:00"),
                HospitalBundles.jpCoreCollection(institution, "P-2", "doc-2", "2024-06-02T10:00:00+09:00"),
                HospitalBundles.jpCoreCollection(institution, "P-1", "doc-3", "2024-06-03T10:00:00+09:00"));
        byte[] body = ndjson(export.get(0), "{\"resourceType\": \"Bund", export.get(1), "", export.get(2));

        ImportReports first = upload(body);
        ImportReports again = upload(body);

        assertThat(first.files()).extracting(ImportReports.File::path)
                .containsExactly(pathOf("doc-1"), "line 2", pathOf("doc-2"), pathOf("doc-3"));
        assertThat(first.files()).extracting(ImportReports.File::status)
                .containsExactly("imported", "error", "imported", "imported");
        assertThat(first.file("line 2").reason()).get().asString().contains("not FHIR JSON");
        for (String document : List.of("doc-1", "doc-2", "doc-3")) {
            assertThat(first.file(pathOf(document)).created()).as(document).isPositive();
            assertThat(again.file(pathOf(document)).created() + again.file(pathOf(document)).updated()).as(document).isZero();
            assertThat(again.file(pathOf(document)).unchanged()).as(document)
                    .isEqualTo(first.file(pathOf(document)).created() + first.file(pathOf(document)).updated()
                            + first.file(pathOf(document)).unchanged());
        }
        assertThat(recordOf(yamada, Observation.class)).hasSize(2);
        assertThat(recordOf(suzuki, Observation.class)).hasSize(1);

        // The same bundles sent one by one find everything stored already: the upload stored what each would.
        for (Bundle bundle : export) {
            ImportReports alone = hospitals.importBundle(bundle, institution);
            assertThat(alone.total("created") + alone.total("updated")).isZero();
        }
    }

    @Test
    void aBundleOfAPatientNobodyIsEnrolledUnderIsHeldWhileTheOthersAreImported() {
        String yamada = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(yamada), institution, "P-1");

        ImportReports report = upload(ndjson(
                HospitalBundles.jpCoreCollection(institution, "P-unknown", "doc-9", "2024-06-01T10:00:00+09:00"),
                HospitalBundles.jpCoreCollection(institution, "P-1", "doc-10", "2024-06-01T10:00:00+09:00")));

        assertThat(report.file(pathOf("doc-9")).status()).isEqualTo("held");
        assertThat(report.file(pathOf("doc-10")).status()).isEqualTo("imported");
        assertThat(recordOf(yamada, Observation.class)).hasSize(1);
    }

    @Test
    void anUploadSentAsAJobIsReportedWhenDone() throws InterruptedException {
        String yamada = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(yamada), institution, "P-1");

        FhirHttp.Response accepted = fhir.post("$import-bundle?institution=" + institution, importer(), NDJSON,
                ndjson(HospitalBundles.jpCoreCollection(institution, "P-1", "doc-20", "2024-06-01T10:00:00+09:00")),
                "Prefer", "respond-async");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String status = accepted.raw().headers().firstValue("Content-Location").orElseThrow();
        FhirHttp.Response done = accepted;
        for (int i = 0; i < 60 && done.status() != 200; i++) {
            Thread.sleep(500);
            done = fhir.follow(status, importer());
        }
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(new ImportReports(done.resource(Parameters.class)).file(pathOf("doc-20")).status()).isEqualTo("imported");
        assertThat(recordOf(yamada, Observation.class)).hasSize(1);
    }

    private ImportReports upload(byte[] body) {
        FhirHttp.Response response = fhir.post("$import-bundle?institution=" + institution, importer(), NDJSON, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ImportReports(response.resource(Parameters.class));
    }

    /** How the report names a JP Core collection of this hospital: by its identifier. */
    private String pathOf(String bundleId) {
        return "urn:oid:1.2.392.100495.20.3.51.9" + institution + "|" + bundleId;
    }

    /** One line per item: a Bundle as compact JSON, or a string as it is (a broken line, an empty one). */
    private static byte[] ndjson(Object... lines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object line : lines) {
            byte[] text = line instanceof Bundle bundle ? HospitalImports.json(bundle) : ((String) line).getBytes(StandardCharsets.UTF_8);
            body.writeBytes(text);
            body.write('\n');
        }
        return body.toByteArray();
    }

    private List<?> recordOf(String resident, Class<? extends org.hl7.fhir.instance.model.api.IBaseResource> type) {
        return daos.getResourceDao(type).search(SearchParameterMap.newSynchronous().add("subject", new ReferenceParam(resident)),
                new SystemRequestDetails()).getAllResources();
    }

    private static String importer() {
        return TestKeycloak.instance().tokens().clientToken("ehr-importer");
    }
}
