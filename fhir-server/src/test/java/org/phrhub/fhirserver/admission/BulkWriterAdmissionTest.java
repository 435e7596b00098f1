package org.phrhub.fhirserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Gateways and importers take turns on a node; everyone else is served at once. The real server, with one turn
 * per bulk writer and a short wait so that a refusal comes quickly; a test takes the turns itself, as if that many
 * uploads were at work.
 */
@DirtiesContext // a context of its own (other admission settings): closed after this class, not kept for the run
@TestPropertySource(properties = {
        "phrhub.admission.device-gateway-concurrency=1",
        "phrhub.admission.ehr-importer-concurrency=1",
        "phrhub.admission.max-wait=2s"})
class BulkWriterAdmissionTest extends FhirServerIntegrationTest {

    /** A gateway's upload with nothing in it: admitted like any other, answered 200. */
    private static final byte[] EMPTY_UPLOAD = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    BulkWriterAdmission admission;

    private int occupied;

    @AfterEach
    void vacate() {
        if (occupied > 0) {
            admission.vacate(HubRole.DEVICE_GATEWAY, occupied);
            occupied = 0;
        }
    }

    @Test
    void aGatewayWaitsForItsTurnWhileAClinicianIsServedAtOnce() throws Exception {
        String gateway = clientToken("device-gateway");
        String doctor = tokenOf("dr.suzuki");
        occupyGatewayTurns();

        CompletableFuture<FhirHttp.Response> upload = CompletableFuture.supplyAsync(() -> upload(gateway));
        Thread.sleep(500);
        assertThat(upload).as("the gateway's request waits for its turn").isNotDone();
        long start = System.nanoTime();
        FhirHttp.Response read = fhir.get("Practitioner/dr-suzuki", doctor);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the clinician does not wait").isLessThan(1500);

        vacate();
        FhirHttp.Response answered = upload.get(10, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        // The server gives the turn back once the answer is sent, a moment after the client has it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(admission.availableTurns(HubRole.DEVICE_GATEWAY)).as("its turn is given back").isEqualTo(1));
    }

    @Test
    void aGatewayWithoutATurnWithinTheWaitIsToldToComeBack() {
        String gateway = clientToken("device-gateway");
        occupyGatewayTurns();

        FhirHttp.Response refused = upload(gateway);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        OperationOutcome outcome = refused.outcome();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("nothing of this request was stored");
    }

    @Test
    void importersHaveTurnsOfTheirOwn() {
        occupyGatewayTurns();

        FhirHttp.Response review = fhir.post("$identity-review", clientToken("ehr-importer"), "application/fhir+json",
                "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(review.status()).as(review.toString()).isEqualTo(200);
    }

    private FhirHttp.Response upload(String gatewayToken) {
        return fhir.post("", gatewayToken, "application/fhir+json", EMPTY_UPLOAD);
    }

    private void occupyGatewayTurns() {
        assertThat(admission.occupy(HubRole.DEVICE_GATEWAY, 1)).as("no gateway request is at work").isTrue();
        occupied = 1;
    }
}
