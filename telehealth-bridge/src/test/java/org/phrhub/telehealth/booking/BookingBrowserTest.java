package org.phrhub.telehealth.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.V3ActReason;

/**
 * Residents book a clinician's free slot and share exactly what they tick for that visit; the doctor's chart
 * shows exactly that; My consents says it in plain words and a revocation counts on the doctor's next page.
 * The demo's visit Consent of hanako (her whole record for her online clinicians) is set aside meanwhile, so
 * that only what she ticks here is shared, and put back afterwards for the other tests.
 */
class BookingBrowserTest {

    private static BridgeFixture hub;
    private static HubRecords records;
    private static Browsers browsers;
    private static final List<String> madeHere = new ArrayList<>();

    @BeforeAll
    static void arrange() {
        hub = BridgeFixture.hub();
        records = new HubRecords(hub);
        browsers = new Browsers();
        records.setDemoVisitConsent(Consent.ConsentState.INACTIVE);
        // The city platform's opt-in, as a resident gives it: home blood pressure for public health.
        Consent city = new Consent();
        city.setStatus(Consent.ConsentState.ACTIVE);
        city.setScope(new CodeableConcept(new Coding(Hl7Terminology.CONSENT_SCOPE, Hl7Terminology.PATIENT_PRIVACY, null)));
        city.setPatient(new Reference("Patient/hanako"));
        city.setDateTime(new Date());
        Consent.ProvisionComponent root = city.getProvision().setType(Consent.ConsentProvisionType.DENY)
                .setPeriod(new Period().setStart(new Date()));
        Consent.ProvisionComponent permit = root.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setRole(new CodeableConcept(new Coding(Hl7Terminology.PARTICIPATION_TYPE, Hl7Terminology.INFORMATION_RECIPIENT, null)))
                .setReference(new Reference("Organization/city-platform"));
        permit.addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.PUBHLTH, null));
        permit.addClass_(new Coding(Hl7Terminology.RESOURCE_TYPES, "Observation", null));
        permit.addCode(new CodeableConcept(new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, null)));
        madeHere.add(records.as("hanako").create().resource(city).execute().getId().toUnqualifiedVersionless().getValue());
    }

    @AfterAll
    static void putBack() {
        try {
            records.revokeHanakos(madeHere);
            records.setDemoVisitConsent(Consent.ConsentState.ACTIVE);
        } finally {
            browsers.close();
        }
    }

    @Test
    void hanakoSharesOnlyHerHomeBloodPressureForHerVisitAndRevokingItCountsOnTheDoctorsNextPage() {
        try (BrowserContext hanako = browsers.newPerson(); BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(hanako, hub.bridgeUrl(), "/", "hanako");
            page.locator("#to-booking").click();
            Locator slots = page.locator("button.slot");
            assertThat(page.locator(".clinician-slots h2").first().textContent()).isEqualTo("鈴木 一郎 医師（会津クリニック）");
            assertThat(slots.count()).isPositive();
            Browsers.screenshotOfScreen(page, "booking");
            ZonedDateTime start = ZonedDateTime.parse(slots.first().getAttribute("data-start"));
            page.locator("#reason").fill("血圧の相談");
            slots.first().click();

            // The visit consent step: nothing ticked until she ticks it.
            page.waitForSelector("#visit-consent");
            for (String kind : List.of("HOME_BLOOD_PRESSURE", "LAB_RESULTS", "PRESCRIPTIONS", "CONDITIONS", "ALLERGIES")) {
                assertThat(page.locator("#share-" + kind).isChecked()).as(kind + " is off by default").isFalse();
            }
            assertThat(page.locator("#days").inputValue()).isEqualTo("7");
            page.locator("#share-HOME_BLOOD_PRESSURE").check();
            Browsers.screenshotOfScreen(page, "booking-consent");
            String appointment = page.url().replaceFirst("^.*/book/visits/([^/]+)/consent.*$", "$1");
            page.locator("#share").click();
            page.waitForSelector("#booked");
            String until = (start.toLocalDate().plusDays(7).getMonthValue()) + "月" + start.toLocalDate().plusDays(7).getDayOfMonth() + "日";
            assertThat(page.locator("#sharing").textContent())
                    .isEqualTo("鈴木 一郎 医師（会津クリニック）が、治療のために、あなたの家庭血圧を " + until + "まで 見ることができます");

            Appointment booked = records.as("hanako").read().resource(Appointment.class).withId(appointment).execute();
            assertThat(booked.getStart().toInstant()).isEqualTo(start.toInstant());
            assertThat(booked.getParticipant()).extracting(p -> p.getActor().getReference())
                    .containsExactly("Patient/hanako", "Practitioner/dr-suzuki");
            String consent = newestConsentOfHanako();
            madeHere.add(consent);

            // dr.suzuki's chart of that visit: her readings, and "not shared" for everything she did not tick.
            Page chart = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + appointment + "?span=3m", "dr.suzuki");
            chart.waitForSelector("#chart");
            assertThat(chart.locator("#section-home-bp .not-shared").count()).isZero();
            assertThat(chart.locator("#bp-table tbody tr").count()).as("her home readings").isPositive();
            for (String section : List.of("labResults", "prescriptions", "conditions", "allergies")) {
                assertThat(chart.locator("#section-" + section + " .not-shared").count()).as(section).isEqualTo(1);
            }
            assertThat(chart.locator(".not-shared").count()).isEqualTo(4);

            // My consents, in plain words, Japanese first and in English.
            page.navigate(hub.bridgeUrl() + "/consents");
            Locator mine = page.locator("#active-consents article[data-consent='" + idPart(consent) + "'] .sentence");
            assertThat(mine.textContent())
                    .isEqualTo("鈴木 一郎 医師（会津クリニック）が、治療のために、あなたの家庭血圧を " + until + "まで 見ることができます");
            assertThat(page.locator("#active-consents article[data-consent='" + idPart(madeHere.get(0)) + "'] .sentence").textContent())
                    .isEqualTo("会津若松市 データ連携基盤が、公衆衛生のために、あなたの家庭血圧を 期限なしで 見ることができます");
            assertThat(page.locator("#past-consents article[data-consent='hanako-visit-consent'] .badge").textContent())
                    .as("the demo's visit consent, set aside for this test").isEqualTo("取り消し済み");
            Browsers.screenshot(page, "my-consents");
            page.navigate(hub.bridgeUrl() + "/consents?lang=en");
            String english = start.toLocalDate().plusDays(7).getDayOfMonth() + " "
                    + start.toLocalDate().plusDays(7).getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
            assertThat(page.locator("#active-consents article[data-consent='" + idPart(consent) + "'] .sentence").textContent())
                    .isEqualTo("Dr. Suzuki, Aizu Clinic, may read your home blood pressure for treatment until " + english);
            Browsers.screenshot(page, "my-consents-en");
            page.navigate(hub.bridgeUrl() + "/consents?lang=ja");

            // She revokes; the doctor's very next page load shows her home blood pressure as not shared.
            page.locator("#active-consents article[data-consent='" + idPart(consent) + "'] button.revoke").click();
            assertThat(page.locator("#consents-notice").textContent()).startsWith("同意を取り消しました");
            assertThat(page.locator("#past-consents article[data-consent='" + idPart(consent) + "'] .badge").textContent())
                    .isEqualTo("取り消し済み");
            chart.reload();
            chart.waitForSelector("#chart");
            assertThat(chart.locator("#section-home-bp .not-shared").count()).isEqualTo(1);
            assertThat(chart.locator("#bp-table").count()).isZero();
            assertThat(chart.locator(".not-shared").count()).isEqualTo(5);
        }
    }

    @Test
    void twoResidentsPressingTheSameSlotTogetherOneGetsItAndTheOtherIsToldSo() {
        try (BrowserContext hanako = browsers.newPerson(); BrowserContext taro = browsers.newPerson()) {
            Page first = Browsers.signIn(hanako, hub.bridgeUrl(), "/book?service=medication-guidance", "hanako");
            Page second = Browsers.signIn(taro, hub.bridgeUrl(), "/book?service=medication-guidance", "taro");
            String slot = first.locator("button.slot").last().getAttribute("data-slot");
            assertThat(second.locator("button.slot[data-slot='" + slot + "']").count()).isEqualTo(1);

            // Both press at the same moment of the shared clock, without waiting for each other.
            long at = Instant.now().toEpochMilli() + 700;
            String press = "([slot, at]) => setTimeout(() => document.querySelector(`button.slot[data-slot='${slot}']`).click(),"
                    + " at - Date.now())";
            first.evaluate(press, List.of(slot, (double) at));
            second.evaluate(press, List.of(slot, (double) at));
            for (Page page : List.of(first, second)) {
                // Booked (the consent step) or told so (back on the list, which looked the same before).
                page.waitForCondition(() -> page.url().contains("/book/visits/") || page.locator("#book-error").count() > 0);
            }

            List<Page> winners = new ArrayList<>();
            List<Page> losers = new ArrayList<>();
            for (Page page : List.of(first, second)) {
                (page.url().contains("/book/visits/") ? winners : losers).add(page);
            }
            assertThat(winners).hasSize(1);
            assertThat(losers).hasSize(1);
            Page loser = losers.get(0);
            assertThat(loser.locator("#book-error").textContent()).isEqualTo("この枠は先に予約されました。別の枠を選んでください。");
            assertThat(loser.locator("button.slot[data-slot='" + slot + "']").count()).as("the slot is gone from the list").isZero();
            Browsers.screenshotOfScreen(loser, "booking-taken");

            Page winner = winners.get(0);
            winner.locator("#decline").click();
            winner.waitForSelector("#booked");
            assertThat(winner.locator("#not-sharing").textContent()).startsWith("データは共有していません");
            Bundle booked = records.as(winner == first ? "hanako" : "taro").search()
                    .byUrl("Appointment?slot=Slot/" + slot).returnBundle(Bundle.class).execute();
            assertThat(booked.getEntry()).hasSize(1);
        }
    }

    private static String newestConsentOfHanako() {
        Bundle consents = records.as("hanako").search().byUrl("Consent?patient=Patient/hanako&_sort=-_lastUpdated&_count=1")
                .returnBundle(Bundle.class).execute();
        return consents.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static String idPart(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
