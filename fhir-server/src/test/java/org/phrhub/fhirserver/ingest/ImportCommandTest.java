package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ImportCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
