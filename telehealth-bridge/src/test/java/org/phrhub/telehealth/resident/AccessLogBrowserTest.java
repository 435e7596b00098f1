package org.phrhub.telehealth.resident;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.V3ActReason;

/**
 * Who read my data, in a real browser against the real hub: dr.suzuki's reads of hanako's chart for
 * treatment, the refusals his next chart load leaves after she revokes her visit consent, a break-the-glass
 * read highlighted and explained, and the filter by reader.
 */
class AccessLogBrowserTest {

    private static BridgeFixture hub;
    private static HubRecords records;
    private static Browsers browsers;

    @BeforeAll
    static void arrange() {
        hub = BridgeFixture.hub();
        records = new HubRecords(hub);
        browsers = new Browsers();
    }

    @AfterAll
    static void close() {
        browsers.close();
    }

    @Test
    void hanakoSeesDrSuzukisReadsForTreatmentHisRefusalsAfterSheRevokesAndTheEmergencyRead() {
        Instant started = Instant.now().minusSeconds(1);
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(30), HubVisitCodes.ONLINE_DIAGNOSIS, "血圧の経過");
        try (BrowserContext doctor = browsers.newPerson(); BrowserContext resident = browsers.newPerson()) {
            Page chart = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            chart.waitForSelector("#bp-chart");
            awaitAuditEvent("dr.suzuki's permitted read of her home blood pressure",
                    event -> bySuzuki(event) && event.getOutcome().toCode().equals("0") && touches(event, "Observation"), started);

            records.setDemoVisitConsent(Consent.ConsentState.INACTIVE);
            try {
                chart.reload();
                assertThat(chart.locator(".not-shared").count()).as("the revocation counts on his next page load").isEqualTo(5);
                awaitAuditEvent("dr.suzuki's refused chart load", event -> bySuzuki(event) && !event.getOutcome().toCode().equals("0"), started);

                // Break-the-glass is not part of the bridge: a physician's own client states ETREAT.
                IGenericClient emergency = records.as("dr.suzuki");
                AdditionalRequestHeadersInterceptor purpose = new AdditionalRequestHeadersInterceptor();
                purpose.addHeaderValue("X-Purpose-Of-Use", V3ActReason.ETREAT);
                emergency.registerInterceptor(purpose);
                emergency.read().resource(Patient.class).withId("hanako").execute();
                awaitAuditEvent("dr.suzuki's emergency read", event -> bySuzuki(event)
                        && event.getMeta().getSecurity(V3ActReason.SYSTEM, V3ActReason.ETREAT) != null, started);

                Page log = Browsers.signIn(resident, hub.bridgeUrl(), "/", "hanako");
                log.locator("#link-access-log").click();
                log.waitForSelector("#access-log");
                Locator suzukis = log.locator("#access-log tr[data-reader='Practitioner/dr-suzuki']");
                Locator permitted = suzukis.and(log.locator("tr.permitted"));
                assertThat(permitted.count()).isPositive();
                assertThat(permitted.locator(".reader-name").first().textContent()).isEqualTo("鈴木 一郎");
                assertThat(permitted.locator(".reader-organisation").first().textContent()).isEqualTo("会津クリニック");
                assertThat(log.locator("#access-log tr.permitted[data-reader='Practitioner/dr-suzuki'][data-purpose='TREAT'] .purpose")
                        .first().textContent()).isEqualTo("治療");
                assertThat(permitted.locator(".what").allTextContents()).anyMatch(what -> what.contains("家庭血圧"));
                Locator refused = log.locator("#access-log tr.refused[data-reader='Practitioner/dr-suzuki']");
                assertThat(refused.count()).isPositive();
                assertThat(refused.first().locator(".outcome").textContent()).contains("拒否");
                assertThat(refused.first().locator(".purpose").textContent()).isEqualTo("治療");
                Locator emergencyRow = log.locator("#access-log tr.emergency[data-reader='Practitioner/dr-suzuki']");
                assertThat(emergencyRow.count()).isPositive();
                assertThat(emergencyRow.first().locator(".purpose").textContent()).isEqualTo("救急（緊急時の治療）");
                assertThat(emergencyRow.first().locator(".badge.emergency").textContent()).isEqualTo("救急時の閲覧");
                assertThat(log.locator("#emergency-explained").textContent()).contains("ブレイク・ザ・グラス", "すべて記録され");
                assertThat(log.locator("#access-log tr[data-reader='Patient/hanako']").count()).as("her own reads hidden by default").isZero();
                Browsers.screenshotOfScreen(log, "resident-access-log");
                Browsers.screenshot(log, "resident-access-log-page");

                // Her own reads shown on request; then only dr.suzuki's.
                log.locator("#own").check();
                log.locator("#apply-filter").click();
                log.waitForCondition(() -> log.locator("#access-log tr[data-reader='Patient/hanako']").count() > 0);
                assertThat(log.locator("#reader option[value='Practitioner/dr-suzuki']").count()).isEqualTo(1);
                log.locator("#reader").selectOption("Practitioner/dr-suzuki");
                log.locator("#apply-filter").click();
                log.waitForCondition(() -> log.locator("#access-log tr[data-reader='Patient/hanako']").count() == 0);
                List<String> readers = log.locator("#access-log tbody tr").evaluateAll("rows => rows.map(r => r.dataset.reader)")
                        instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
                assertThat(readers).isNotEmpty().containsOnly("Practitioner/dr-suzuki");
                assertThat(log.url()).contains("reader=Practitioner").contains("own=true");
            } finally {
                records.setDemoVisitConsent(Consent.ConsentState.ACTIVE);
            }
        }
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedInPlainWordsAndNothingIsListed() {
        try (BrowserContext resident = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/access-log?from=2026-12-10&to=2026-12-01", "hanako");
            assertThat(page.locator("#access-results .notice.refused").textContent()).contains("「いつから」が「いつまで」より後");
            assertThat(page.locator("#access-log").count()).isZero();
        }
    }

    @Test
    void aClinicianHasNoAccessLogPageOfTheirOwnHere() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            assertThat(page.navigate(hub.bridgeUrl() + "/access-log").status()).isEqualTo(404);
            assertThat(page.navigate(hub.bridgeUrl() + "/my-record").status()).isEqualTo(404);
        }
    }

    /** Revokes or grants again hanako's visit Consent, as she may through the FHIR API. */
    private static boolean bySuzuki(AuditEvent event) {
        return event.getAgent().stream().anyMatch(a -> "Practitioner/dr-suzuki".equals(a.getWho().getReference()));
    }

    private static boolean touches(AuditEvent event, String type) {
        return event.getEntity().stream().anyMatch(e -> type.equals(e.getType().getCode()));
    }

    /** AuditEvents are stored in the background: waits until hanako can find the one expected. */
    private static void awaitAuditEvent(String what, Predicate<AuditEvent> expected, Instant since) {
        IGenericClient asHanako = records.as("hanako");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            boolean found = asHanako.search().forResource(AuditEvent.class)
                    .where(new ReferenceClientParam("entity").hasId("Patient/hanako"))
                    .and(new DateClientParam("date").afterOrEquals().second(Date.from(since)))
                    .count(200).returnBundle(Bundle.class).execute().getEntry().stream()
                    .map(e -> (AuditEvent) e.getResource()).anyMatch(expected);
            if (found) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("hanako's access log never showed " + what);
    }
}
