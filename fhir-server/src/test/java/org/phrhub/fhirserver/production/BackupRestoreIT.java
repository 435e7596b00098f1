package org.phrhub.fhirserver.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.Observations;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;

/** The README's backup and restore commands, run against a live server, give back the same record. */
class BackupRestoreIT {

    @TempDir
    Path folder;

    @Test
    void aServerOnARestoredDumpServesTheSameRecordVersionsAndConsentDecisions() {
        PostgresClientTools tools = PostgresClientTools.find();
        ProductionServers.TwoNodes nodes = ProductionServers.twoNodesOnOneDatabase();
        FhirHttp source = new FhirHttp(nodes.first().fhirBaseUrl());
        String taro = token("taro");

        // taro's record, filled through the API: a reading corrected once, a grant, and a grant revoked.
        Observation reading = created(source.post("Observation", taro, Observations.heartRate("Patient/taro", 64)),
                Observation.class);
        reading.getValueQuantity().setValue(66);
        assertThat(source.put("Observation/" + reading.getIdElement().getIdPart(), taro, reading).status()).isEqualTo(200);
        String readingPath = "Observation/" + reading.getIdElement().getIdPart();
        Consent granted = created(source.post("Consent", taro, optIn("Patient/taro", permit("Practitioner/dr-sato", "TREAT"))),
                Consent.class);
        Consent revoked = created(source.post("Consent", taro, optIn("Patient/taro", permit("Practitioner/ph-ito", null))),
                Consent.class);
        revoked.setStatus(Consent.ConsentState.INACTIVE);
        assertThat(source.put("Consent/" + revoked.getIdElement().getIdPart(), taro, revoked).status()).isEqualTo(200);

        List<String> paths = List.of(readingPath, readingPath + "/_history/1",
                "Consent/" + granted.getIdElement().getIdPart(), "Consent/" + revoked.getIdElement().getIdPart());
        List<String> before = bodies(source, paths, taro);
        assertThat(source.get(readingPath, token("dr.sato")).status()).as("granted").isEqualTo(200);
        assertThat(source.get(readingPath, token("ph.ito")).status()).as("revoked").isEqualTo(404);

        Path dump = folder.resolve("phrhub.dump");
        tools.dump(nodes.database(), dump);
        TestDatabase restoredDatabase = TestPostgres.anotherDatabase("restored");
        tools.restore(dump, restoredDatabase);

        try (FhirServerProcess server = ProductionServers.start(restoredDatabase)) {
            FhirHttp restored = new FhirHttp(server.fhirBaseUrl());
            assertThat(bodies(restored, paths, taro)).as("the same resources and versions").isEqualTo(before);
            assertThat(restored.get(readingPath, taro).resource(Observation.class).getMeta().getVersionId()).isEqualTo("2");
            assertThat(restored.get(readingPath, token("dr.sato")).status()).as("the grant holds").isEqualTo(200);
            assertThat(restored.get(readingPath, token("ph.ito")).status()).as("the revocation holds").isEqualTo(404);
            assertThat(restored.get("Observation/hanako-bp-morning", token("hanako")).status())
                    .as("the rest of the database came along").isEqualTo(200);
        }
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T created(Response response, Class<T> type) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.resource(type);
    }

    private static List<String> bodies(FhirHttp server, List<String> paths, String token) {
        return paths.stream().map(path -> {
            Response response = server.get(path, token);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            return response.body();
        }).toList();
    }

    private static String token(String username) {
        return TestKeycloak.instance().tokens().userToken(username);
    }
}
