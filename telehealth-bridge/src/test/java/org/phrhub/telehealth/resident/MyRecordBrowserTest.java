package org.phrhub.telehealth.resident;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.JpCore;

/**
 * The resident's own pages in a real browser, signed in through Keycloak's login page, against the real
 * bridge, FHIR server, PostgreSQL and Keycloak: My record (the doctor's home blood-pressure chart and
 * averages, the hospital history by hospital) and joining a video visit with the clinician named from the
 * hub's directory.
 */
class MyRecordBrowserTest {

    private static BridgeFixture hub;
    private static HubRecords records;
    private static Browsers browsers;
    private static LocalDate today;

    @BeforeAll
    static void arrange() {
        hub = BridgeFixture.hub();
        records = new HubRecords(hub);
        browsers = new Browsers();
        today = LocalDate.now(HubRecords.TOKYO);
        List<HubRecords.Reading> readings = new ArrayList<>(HubRecords.twiceDaily(today, 7, 152, 136));
        // One reading the page must show exactly as stored.
        readings.add(new HubRecords.Reading(today.atTime(6, 45).atZone(HubRecords.TOKYO), 163, 97, 77, false, false));
        records.storeReadings("hanako", "Patient/hanako", readings);
    }

    @AfterAll
    static void close() {
        browsers.close();
    }

    @Test
    void hanakosRecordShowsHerReadingsAveragesAndHospitalHistoryByHospital() {
        try (BrowserContext resident = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/", "hanako");
            page.locator("#link-my-record").click();
            page.waitForSelector("#bp-chart");

            HubRecords.Average morning = records.sevenDayAverage("hanako", "Patient/hanako", today, true);
            HubRecords.Average evening = records.sevenDayAverage("hanako", "Patient/hanako", today, false);
            assertThat(page.locator("#average-morning .systolic").textContent()).isEqualTo(morning.systolic().toPlainString());
            assertThat(page.locator("#average-morning .diastolic").textContent()).isEqualTo(morning.diastolic().toPlainString());
            assertThat(page.locator("#average-morning .count").textContent()).startsWith(morning.count() + "回 / 7日");
            assertThat(page.locator("#average-evening .systolic").textContent()).isEqualTo(evening.systolic().toPlainString());
            assertThat(page.locator("#average-evening .diastolic").textContent()).isEqualTo(evening.diastolic().toPlainString());
            assertThat(page.locator("#average-morning .judgement").textContent()).isEqualTo("家庭高血圧の範囲です");
            Locator seeded = page.locator("#bp-table tbody tr", new Page.LocatorOptions().setHasText(
                    today.toString().substring(5) + " 06:45"));
            assertThat(seeded.locator("td.num").allTextContents()).containsExactly("163", "97", "77");
            assertThat((Integer) page.evaluate("() => Chart.getChart('bp-chart').data.datasets[0].data.length")).isGreaterThanOrEqualTo(7);
            assertThat(page.locator(".not-shared").count()).isZero();

            // Her hospital history under the hospital it came from, every active condition listed once.
            int activeConditions = records.as("hanako").search()
                    .byUrl("Condition?subject=Patient/hanako&clinical-status=active&_summary=count")
                    .returnBundle(Bundle.class).execute().getTotal();
            String hospital = hospitalName();
            Locator wakamatsu = page.locator("#my-hospitals .hospital[data-hospital='" + hospital + "']");
            assertThat(wakamatsu.locator(".hospital-name").textContent()).isEqualTo(hospital);
            assertThat(wakamatsu.locator("[data-kind=prescriptions] tbody tr").count()).isPositive();
            assertThat(wakamatsu.locator("[data-kind=labResults] tbody tr").count()).isPositive();
            assertThat(page.locator("#my-hospitals [data-kind=conditions] tbody tr").count()).isEqualTo(activeConditions);
            Browsers.screenshot(page, "resident-my-record");

            // The span changes in place, as on the doctor's page.
            page.locator(".spans a", new Page.LocatorOptions().setHasText("3か月")).click();
            page.waitForCondition(() -> "3か月".equals(page.locator(".spans a.current").textContent()));
            assertThat(page.locator("#bp-chart").count()).isEqualTo(1);
        }
    }

    @Test
    void theJoinButtonNamesTheClinicianAndOpensTheVideoVisitFromShortlyBeforeItsTime() {
        String soon = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(5), HubVisitCodes.ONLINE_DIAGNOSIS, "家庭血圧の相談");
        String later = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/ph-ito", "伊藤 恵子",
                ZonedDateTime.now(HubRecords.TOKYO).plusHours(3), HubVisitCodes.MEDICATION_GUIDANCE, "服薬指導");
        IGenericClient directory = records.as("hanako");
        Practitioner suzuki = directory.read().resource(Practitioner.class).withId("dr-suzuki").execute();
        String registration = suzuki.getQualification().stream().flatMap(q -> q.getIdentifier().stream())
                .filter(id -> JpCore.MEDICAL_REGISTRATION_NUMBER.equals(id.getSystem())).findFirst().orElseThrow().getValue();
        String clinic = organisationOf(directory, "Practitioner/dr-suzuki");

        try (BrowserContext resident = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/", "hanako");
            Locator visit = page.locator("#my-visits li[data-appointment='" + soon + "']");
            assertThat(visit.locator(".clinician-name").textContent()).isEqualTo("鈴木 一郎");
            assertThat(visit.locator(".clinician-organisation").textContent()).isEqualTo(clinic);
            assertThat(visit.locator(".clinician-licence").textContent()).contains("医籍登録番号 " + registration);
            Locator notYet = page.locator("#my-visits li[data-appointment='" + later + "']");
            assertThat(notYet.locator("button.join").isDisabled()).isTrue();
            assertThat(notYet.locator("a.join").count()).isZero();
            assertThat(notYet.locator(".join-opens").textContent()).endsWith("から参加できます");
            assertThat(notYet.locator(".clinician-licence").textContent()).contains("薬剤師名簿登録番号");
            Browsers.screenshotOfScreen(page, "resident-home");

            visit.locator("a.join").click();
            page.waitForURL(url -> url.endsWith("/visits/" + soon));
            assertThat(page.locator("#video-panel.for-patient").isVisible()).isTrue();
            assertThat(page.locator("#join-video").isEnabled()).isTrue();
            assertThat(page.locator("#patient-name").textContent()).isEqualTo("鈴木 一郎");
        }
    }

    /** The hospital hanako's imported records name in meta.source, as the hub's directory calls it. */
    private static String hospitalName() {
        return records.as("hanako").search().byUrl("Organization?identifier=" + JpCore.INSTITUTION_CODE + "|0711234567")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> ((Organization) e.getResource()).getName()).findFirst().orElseThrow();
    }

    private static String organisationOf(IGenericClient fhir, String practitioner) {
        return fhir.search().byUrl("PractitionerRole?practitioner=" + practitioner + "&_include=PractitionerRole:organization")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .filter(e -> e.getResource() instanceof Organization)
                .map(e -> ((Organization) e.getResource()).getName()).findFirst()
                .orElseThrow(() -> new AssertionError("no organisation for " + practitioner));
    }
}
