package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The access log tells nobody which patients exist: a patient's refused attempt at someone else's record
 * is in that record's log, where its patient reads it, and nowhere the one who tried can see it.
 */
class AccessLogExistenceTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private ConsentGuard consentGuard;

    @Test
    void aRefusedAttemptAtAnExistingPatientLeavesTheSameTraceAsOneAtAPatientThatDoesNotExist() throws InterruptedException {
        String madeUp = "Patient/no-such-resident-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(fhir.get("Patient/hanako", Tokens.user("taro")).status()).isEqualTo(404);
        assertThat(fhir.get(madeUp, Tokens.user("taro")).status()).isEqualTo(404);
        assertThat(consentGuard.awaitAuditTrail(Duration.ofSeconds(10))).isTrue();
        AuditEvent tarosAttempt = new PatientRecords(daos).auditEventsAbout("Patient/hanako").stream()
                .filter(e -> e.getAgent().stream().anyMatch(a -> "Patient/taro".equals(a.getWho().getReference())))
                .filter(e -> "8".equals(e.getOutcome().toCode()))
                .findFirst().orElseThrow(() -> new AssertionError("hanako's log holds taro's refused attempt"));

        Bundle aboutHanako = searchAsTaro("AuditEvent?patient=Patient/hanako&_count=200&_total=accurate");
        Bundle aboutMadeUp = searchAsTaro("AuditEvent?patient=" + madeUp + "&_total=accurate");
        Bundle byEntity = searchAsTaro("AuditEvent?entity=Patient/hanako&_total=accurate");
        Bundle byAgent = searchAsTaro("AuditEvent?agent=Patient/taro&_count=200&_total=accurate");
        Bundle own = searchAsTaro("AuditEvent?patient=Patient/taro&_count=200&_total=accurate");

        // What taro finds naming hanako is her attempts at his record (other tests make some), never his at hers.
        assertThat(allPages(aboutHanako)).as(() -> describe(aboutHanako))
                .allMatch(event -> event.getEntity().stream().anyMatch(x -> "Patient/taro".equals(x.getWhat().getReference())));
        assertThat(aboutMadeUp.getEntry()).isEmpty();
        assertThat(aboutMadeUp.getTotal()).isZero();
        assertThat(byEntity.getEntry()).as(() -> describe(byEntity)).isEmpty();
        assertThat(byEntity.getTotal()).isZero();
        for (Bundle log : List.of(aboutHanako, byAgent, own)) {
            List<AuditEvent> events = allPages(log);
            assertThat(events).as("the total counts only what taro sees").hasSize(log.getTotal());
            assertThat(events).noneMatch(event -> event.getEntity().stream()
                    .anyMatch(x -> "Patient/hanako".equals(x.getWhat().getReference())));
        }
        Response direct = fhir.get("AuditEvent/" + tarosAttempt.getIdElement().getIdPart(), Tokens.user("taro"));
        Response missing = fhir.get("AuditEvent/" + UUID.randomUUID(), Tokens.user("taro"));
        assertThat(direct.status()).isEqualTo(404).isEqualTo(missing.status());
        Response everything = fhir.get("Patient/taro/$everything?_count=1000", Tokens.user("taro"));
        assertThat(ConsentMatrixTest.references(everything.bundle()))
                .doesNotContain("AuditEvent/" + tarosAttempt.getIdElement().getIdPart());

        Bundle hanakosLog = fhir.get("AuditEvent?patient=Patient/hanako&_count=200&_sort=-date", Tokens.user("hanako")).bundle();
        assertThat(hanakosLog.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .as("the patient whose record it is sees who tried").contains(tarosAttempt.getIdElement().getIdPart());
    }

    /** Who asked and what about, for each event: the failure message shows what leaked. */
    private static String describe(Bundle log) {
        StringBuilder text = new StringBuilder();
        for (Bundle.BundleEntryComponent entry : log.getEntry()) {
            AuditEvent event = (AuditEvent) entry.getResource();
            text.append(event.getSubtype().stream().map(c -> c.getCode()).toList())
                    .append(" agents ").append(event.getAgent().stream().map(a -> a.getWho().getReference()).toList())
                    .append(" entities ").append(event.getEntity().stream().map(x -> x.getWhat().getReference()).toList())
                    .append('\n');
        }
        return text.toString();
    }

    /** Every event of the search, following its pages. */
    private List<AuditEvent> allPages(Bundle first) {
        List<AuditEvent> events = new java.util.ArrayList<>();
        Bundle page = first;
        while (true) {
            page.getEntry().forEach(e -> events.add((AuditEvent) e.getResource()));
            if (page.getLink("next") == null) {
                return events;
            }
            page = fhir.follow(page.getLink("next").getUrl(), Tokens.user("taro")).bundle();
        }
    }

    private Bundle searchAsTaro(String search) {
        Response response = fhir.get(search, Tokens.user("taro"));
        assertThat(response.status()).as(search + ": " + response.body()).isEqualTo(200);
        return response.bundle();
    }
}
