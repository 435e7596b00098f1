package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.ingest.cli.ImportCommand;

/** {@code java -jar fhir-server.jar import-ssmix2 ...} as an operator runs it against a running hub. */
class ImportCommandTest extends FhirServerIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

    private final String institution = HospitalImports.newInstitution("40");

    @Test
    void importsAStorageFolderAsAJobAndPrintsTheReportFileByFile() {
        new HospitalImports(fhir, daos).enrol("C0000000001", institution, "9999013"); // hanako

        Run run = run("import-ssmix2", "--fhir-url", fhir.base(), "--issuer", keycloak().issuer(),
                "--client-secret", "ehr-importer-secret", "--institution", institution, StorageTrees.sample().toString());

        // The sample storage has real faulty files (PID-3 of another patient, a misplaced file): exit code 1.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("imported   999/901/9999013/20110701/OMP-01/", "created 3",
                "error      000/000/0000001/20000401/ADT-31/", "file name and folder disagree",
                "skipped    999/901/9999013/20111013/OMD/", "Resources: created ");
    }

    @Test
    void importsManyBundlesFromAnNdjsonFileAsOneLoad(@TempDir Path folder) throws IOException {
        HospitalImports hospitals = new HospitalImports(fhir, daos);
        String resident = hospitals.newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
        hospitals.enrol(HospitalImports.commonIdOf(resident), institution, "P-1");
        Path file = folder.resolve("export.ndjson");
        Files.writeString(file, line(HospitalBundles.jpCoreCollection(institution, "P-1", "doc-1", "2024-06-01T10:00:00+09:00"))
                + line(HospitalBundles.jpCoreCollection(institution, "P-1", "doc-2", "2024-06-02T10:00:00+09:00")));

        Run run = run("import-bundle", "--fhir-url", fhir.base(), "--issuer", keycloak().issuer(),
                "--client-secret", "ehr-importer-secret", "--institution", institution, file.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("imported   urn:oid:1.2.392.100495.20.3.51.9" + institution + "|doc-1",
                "imported   urn:oid:1.2.392.100495.20.3.51.9" + institution + "|doc-2", "Resources: created 2");
    }

    @Test
    void wrongCredentialsAreReportedWithWhatToCheck() {
        Run run = run("import-ssmix2", "--fhir-url", fhir.base(), "--issuer", keycloak().issuer(),
                "--client-secret", "wrong", "--institution", institution, StorageTrees.sample().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Import failed: Keycloak at ")
                .contains("refused client ehr-importer", "check --client-id and --client-secret")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingFolderIsAWrongCommandLine() {
        Run run = run("import-ssmix2", "--client-secret", "x", "--institution", institution, "/no/such/storage");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/no/such/storage is not a folder");
    }

    private static String line(Bundle bundle) {
        return new String(HospitalImports.json(bundle), StandardCharsets.UTF_8) + "\n";
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ImportCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
