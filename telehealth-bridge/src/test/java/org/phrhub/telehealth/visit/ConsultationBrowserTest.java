package org.phrhub.telehealth.visit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.chart.ChartSpan;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.testsupport.fhir.R4Validation;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.CardX;
import org.phrhub.vocabulary.Loinc;

/**
 * The doctor's consultation in a real browser, through Keycloak's login page, against the real bridge, FHIR
 * server, PostgreSQL and Keycloak: the day's list, the chart under the patient's consent, and the visit's
 * record written back in one transaction (or not at all).
 */
class ConsultationBrowserTest {

    private static BridgeFixture hub;
    private static HubRecords records;
    private static Browsers browsers;
    private static LocalDate today;
    private static List<LocalDateTime> olderReadings;

    @BeforeAll
    static void arrange() {
        hub = BridgeFixture.hub();
        records = new HubRecords(hub);
        browsers = new Browsers();
        today = LocalDate.now(HubRecords.TOKYO);
        olderReadings = List.of(today.minusDays(30).atTime(6, 41), today.minusDays(45).atTime(19, 23),
                today.minusDays(80).atTime(6, 52));
        // Two weeks of hanako's home readings, plus the flagged kinds the chart must mark.
        List<HubRecords.Reading> readings = new ArrayList<>(HubRecords.twiceDaily(today, 14, 141, 128));
        readings.add(new HubRecords.Reading(today.atTime(7, 10).atZone(HubRecords.TOKYO), null, null, 70, false, false));
        readings.add(new HubRecords.Reading(today.minusDays(1).atTime(7, 12).atZone(HubRecords.TOKYO), 152, 95, 88, true, false));
        readings.add(new HubRecords.Reading(today.minusDays(2).atTime(8, 0).atZone(HubRecords.TOKYO), 170, 100, 90, false, true));
        // Older ones, which only the 3-month chart shows: it reads its span a window of days at a time.
        for (LocalDateTime older : olderReadings) {
            readings.add(new HubRecords.Reading(older.atZone(HubRecords.TOKYO), 119, 77, 64, false, false));
        }
        records.storeReadings("hanako", "Patient/hanako", readings);
    }

    @AfterAll
    static void close() {
        browsers.close();
    }

    @Test
    void doctorSeesTheDaysVisitsAndHanakosChartWithHerSevenDayAverages() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            Locator hanakoRow = page.locator("#todays-visits tr[data-patient='Patient/hanako']").first();
            Locator taroRow = page.locator("#todays-visits tr[data-patient='Patient/taro']").first();
            assertThat(hanakoRow.locator(".badge.ok").textContent()).isEqualTo("共有あり");
            assertThat(taroRow.locator(".badge.no").textContent()).isEqualTo("共有なし");
            assertThat(taroRow.locator(".patient-name").textContent()).isEqualTo("佐藤 太郎");
            Browsers.screenshot(page, "doctor-day");

            // Her first visit still to hold (another test may have ended an earlier one).
            page.locator("#todays-visits tr[data-patient='Patient/hanako'] a.button").first().click();
            page.waitForSelector("#bp-chart");
            HubRecords.Average morning = records.sevenDayAverage("hanako", "Patient/hanako", today, true);
            HubRecords.Average evening = records.sevenDayAverage("hanako", "Patient/hanako", today, false);
            assertThat(page.locator("#average-morning .systolic").textContent()).isEqualTo(morning.systolic().toPlainString());
            assertThat(page.locator("#average-morning .diastolic").textContent()).isEqualTo(morning.diastolic().toPlainString());
            assertThat(page.locator("#average-morning .count").textContent()).startsWith(morning.count() + "回 / 7日");
            assertThat(page.locator("#average-evening .systolic").textContent()).isEqualTo(evening.systolic().toPlainString());
            assertThat(page.locator("#average-evening .diastolic").textContent()).isEqualTo(evening.diastolic().toPlainString());
            assertThat(page.locator("#average-morning .judgement").textContent()).isEqualTo("家庭高血圧の範囲です");

            String table = page.locator("#bp-table").textContent();
            assertThat(page.locator("#bp-table tbody tr").count()).isGreaterThanOrEqualTo(14 * 2 + 3);
            assertThat(table).contains("測定失敗", "不規則脈波", "時刻は受信時刻");
            // The chart drew its lines: Chart.js has rendered into the canvas.
            assertThat(page.evaluate("() => Chart.getChart('bp-chart').data.datasets.map(d => d.data.length).reduce((a, b) => a + b)"))
                    .isInstanceOf(Integer.class);
            assertThat((Integer) page.evaluate("() => Chart.getChart('bp-chart').data.datasets[0].data.length")).isGreaterThan(10);

            // Her hospital history, each line with the hospital it came from.
            IGenericClient asHanako = records.as("hanako");
            int activeConditions = asHanako.search().byUrl("Condition?subject=Patient/hanako&clinical-status=active&_summary=count")
                    .returnBundle(Bundle.class).execute().getTotal();
            assertThat(activeConditions).isPositive();
            assertThat(page.locator("#section-conditions tbody tr").count()).isEqualTo(activeConditions);
            assertThat(page.locator("#section-prescriptions tbody tr").count()).isPositive();
            assertThat(page.locator("#section-labResults tbody tr").count()).isPositive();
            assertThat(page.locator("#section-labResults .source").first().textContent()).isNotBlank();
            assertThat(page.locator("#section-allergies tbody tr").count()).isPositive();
            assertThat(page.locator(".not-shared").count()).isZero();
            Browsers.screenshot(page, "doctor-chart-page");
            Browsers.screenshotOfScreen(page, "doctor-chart");

            page.navigate(hub.bridgeUrl() + page.url().replaceFirst("^.*(/visits/[^?]+).*$", "$1") + "?span=3m");
            assertThat(page.locator(".spans a.current").textContent()).isEqualTo("3か月");
            // Every blood pressure of the three months, none twice, the older ones included.
            String firstDay = ChartSpan.THREE_MONTHS.firstDay(today).atStartOfDay(HubRecords.TOKYO).toOffsetDateTime().toString();
            int inThreeMonths = asHanako.search().byUrl("Observation?subject=Patient/hanako&code=" + Loinc.SYSTEM + "|"
                            + Loinc.BLOOD_PRESSURE_PANEL + "&date=ge" + firstDay.replace("+", "%2B") + "&_summary=count")
                    .returnBundle(Bundle.class).execute().getTotal();
            assertThat(page.locator("#bp-table tbody tr").count()).isEqualTo(inThreeMonths);
            String threeMonths = page.locator("#bp-table").textContent();
            for (LocalDateTime older : olderReadings) {
                assertThat(threeMonths).contains(older.format(DateTimeFormatter.ofPattern("MM-dd HH:mm")));
            }
        }
    }

    @Test
    void taroSharedNothingSoHisChartSaysSoAndShowsNoneOfHisData() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            page.locator("#todays-visits tr[data-patient='Patient/taro'] a.button").first().click();
            page.waitForSelector("#chart");
            assertThat(page.locator(".not-shared").count()).isEqualTo(5);
            assertThat(page.locator(".not-shared").first().textContent()).isEqualTo("この目的では患者さんが共有していません");
            assertThat(page.locator("#bp-chart").count()).isZero();
            String html = page.content();
            for (String taros : taroDataAsHeRecordsIt()) {
                assertThat(html).doesNotContain(taros);
            }
        }
    }

    @Test
    void endingTheVisitWritesOneLinkedRecordThatHanakoReads() {
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(5), HubVisitCodes.ONLINE_DIAGNOSIS, "血圧の薬の相談");
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            page.locator("#subjective").fill("朝の血圧が高い。頭痛なし。");
            page.locator("#plan").fill("アムロジピンを開始し、4週間後に再診。");
            // Without the MHLW confirmations nothing is written.
            page.locator("#finish-visit").click();
            assertThat(page.locator("#problems").textContent()).contains("本人確認の方法を選んでください");
            assertThat(encountersOf(visit, "hanako")).isEmpty();

            page.locator("#patientIdentity").selectOption("photo-id");
            page.locator("#clinicianIdentityShown").check();
            page.locator("#onlineCareAgreed").check();
            page.locator("#assessment").fill("家庭血圧で朝の高血圧。");
            page.locator("input[name=diagnosisName]").first().fill("本態性高血圧症");
            page.locator("input[name=diagnosisIcd10]").first().fill("I10");
            page.locator("input[name=drug]").first().fill("アムロジピン錠5mg");
            page.locator("input[name=dose]").first().fill("1錠");
            page.locator("input[name=usage]").first().fill("1日1回 朝食後");
            page.locator("input[name=days]").first().fill("28");
            page.locator("#nextVisit").fill(LocalDateTime.now(HubRecords.TOKYO).plusDays(28).withSecond(0).withNano(0).toString().substring(0, 16));
            page.locator("#finish-visit").click();
            page.waitForSelector("#written-notice, #problems, #refusal");
            assertThat(page.locator("#problems, #refusal").allTextContents()).as("what the page says").isEmpty();
        }

        IGenericClient asHanako = records.as("hanako");
        List<Encounter> encounters = encountersOf(visit, "hanako");
        assertThat(encounters).hasSize(1);
        Encounter encounter = encounters.getFirst();
        assertThat(encounter.getClass_().getCode()).isEqualTo("VR");
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        String encounterId = encounter.getIdElement().toUnqualifiedVersionless().getValue();
        List<Composition> notes = search(asHanako, "Composition?encounter=" + encounterId, Composition.class);
        List<Condition> diagnoses = search(asHanako, "Condition?encounter=" + encounterId, Condition.class);
        List<MedicationRequest> prescriptions = search(asHanako, "MedicationRequest?encounter=" + encounterId, MedicationRequest.class);
        List<Observation> averages = search(asHanako, "Observation?encounter=" + encounterId + "&code=" + Loinc.SYSTEM + "|" + CardX.AVERAGE_PANEL,
                Observation.class);
        assertThat(notes).hasSize(1);
        assertThat(notes.getFirst().getType().getCodingFirstRep().getCode()).isEqualTo(Loinc.CONSULT_NOTE);
        assertThat(diagnoses).singleElement().satisfies(c -> {
            assertThat(c.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("encounter-diagnosis");
            assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("I10");
        });
        assertThat(prescriptions).singleElement().satisfies(m -> {
            assertThat(m.getMedicationCodeableConcept().getText()).isEqualTo("アムロジピン錠5mg");
            assertThat(m.getDispenseRequest().getExpectedSupplyDuration().getValue()).isEqualByComparingTo("28");
        });
        assertThat(averages).hasSize(2);
        HubRecords.Average morning = records.sevenDayAverage("hanako", "Patient/hanako", today, true);
        assertThat(averages).anySatisfy(average -> {
            assertThat(((Quantity) average.getComponent().get(0).getValue()).getValue()).isEqualByComparingTo(morning.systolic());
            assertThat(average.getDerivedFrom()).hasSize(morning.count());
        });
        // The note lists what the visit decided, and the appointment is fulfilled.
        List<String> listed = notes.getFirst().getSection().stream().flatMap(s -> s.getEntry().stream())
                .map(r -> r.getReferenceElement().toUnqualifiedVersionless().getValue()).toList();
        assertThat(listed).contains(diagnoses.getFirst().getIdElement().toUnqualifiedVersionless().getValue(),
                prescriptions.getFirst().getIdElement().toUnqualifiedVersionless().getValue());
        assertThat(asHanako.read().resource(Appointment.class).withId(visit).execute().getStatus())
                .isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        List<Resource> written = new ArrayList<>();
        written.add(encounter);
        written.addAll(notes);
        written.addAll(diagnoses);
        written.addAll(prescriptions);
        written.addAll(averages);
        R4Validation.assertValid(written);

        try (BrowserContext patient = browsers.newPerson()) {
            Page page = Browsers.signIn(patient, hub.bridgeUrl(), "/my-record", "hanako");
            assertThat(page.locator("#my-results").textContent()).contains("アムロジピン錠5mg", "本態性高血圧症", "朝の血圧が高い");
        }
    }

    @Test
    void aWriteTheHubRefusesLeavesNothingAndKeepsTheDraft() {
        // taro has shared nothing with dr.suzuki: the hub refuses any write into his record.
        String visit = records.bookVisit("taro", "Patient/taro", "佐藤 太郎", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(10), HubVisitCodes.ONLINE_DIAGNOSIS, "血圧の相談");
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            page.locator("#patientIdentity").selectOption("known-in-person");
            page.locator("#clinicianIdentityShown").check();
            page.locator("#onlineCareAgreed").check();
            page.locator("#subjective").fill("めまいがある。");
            page.locator("input[name=diagnosisName]").first().fill("めまい症");
            page.locator("#finish-visit").click();
            assertThat(page.locator("#refusal").textContent()).contains("PHR Hub が記録を拒否しました", "HTTP 403");
            assertThat(page.locator("#subjective").inputValue()).isEqualTo("めまいがある。");

            page.reload();
            assertThat(page.locator("#subjective").inputValue()).isEqualTo("めまいがある。");
            assertThat(page.locator("input[name=diagnosisName]").first().inputValue()).isEqualTo("めまい症");
        }
        assertThat(encountersOf(visit, "taro")).isEmpty();
        IGenericClient asTaro = records.as("taro");
        assertThat(search(asTaro, "Composition?subject=Patient/taro", Composition.class)).isEmpty();
        assertThat(search(asTaro, "Condition?subject=Patient/taro&_count=200", Condition.class))
                .noneSatisfy(condition -> assertThat(condition.getCode().getText()).isEqualTo("めまい症"));
        assertThat(asTaro.read().resource(Appointment.class).withId(visit).execute().getStatus())
                .isEqualTo(Appointment.AppointmentStatus.BOOKED);
    }

    @Test
    void theDraftSurvivesAReload() {
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(15), HubVisitCodes.ONLINE_DIAGNOSIS, "再診");
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            page.locator("#objective").fill("家庭血圧は朝 140 前後。");
            page.waitForFunction("() => document.getElementById('draft-state').textContent.startsWith('下書きを保存しました')");
            page.evaluate("() => localStorage.clear()"); // what is kept must be the bridge's copy
            page.reload();
            assertThat(page.locator("#objective").inputValue()).isEqualTo("家庭血圧は朝 140 前後。");
        }
    }

    private static List<Encounter> encountersOf(String appointmentId, String username) {
        return search(records.as(username), "Encounter?appointment=Appointment/" + appointmentId, Encounter.class);
    }

    private static <T extends Resource> List<T> search(IGenericClient fhir, String url, Class<T> type) {
        return fhir.search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    /** What taro's record holds, as taro reads it: none of it may appear on the page of a doctor he shared nothing with. */
    private static List<String> taroDataAsHeRecordsIt() {
        IGenericClient asTaro = records.as("taro");
        List<String> texts = new ArrayList<>();
        for (String url : List.of("Condition?subject=Patient/taro", "MedicationRequest?subject=Patient/taro",
                "Observation?subject=Patient/taro&category=laboratory", "AllergyIntolerance?patient=Patient/taro")) {
            search(asTaro, url + "&_count=50", Resource.class).forEach(resource -> {
                switch (resource) {
                    case Condition c -> texts.add(c.getCode().getText());
                    case MedicationRequest m -> texts.add(m.getMedicationCodeableConcept().getText());
                    case Observation o -> texts.add(o.getCode().getText());
                    case org.hl7.fhir.r4.model.AllergyIntolerance a -> texts.add(a.getCode().getText());
                    default -> { }
                }
            });
        }
        assertThat(texts).as("taro's demo record has hospital data to hide").isNotEmpty();
        texts.add("1950-11-03"); // his birth date
        return texts.stream().filter(text -> text != null && !text.isBlank()).toList();
    }

}
