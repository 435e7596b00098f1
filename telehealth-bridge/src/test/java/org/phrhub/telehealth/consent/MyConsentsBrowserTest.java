package org.phrhub.telehealth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.HubVisitCodes;

/**
 * My consents, each action in a real browser against the real hub, and what it changes for the reader it names
 * on that reader's very next request: a standing grant to dr.suzuki and narrowing it (his chart), the city
 * platform's opt-in given and revoked (the city broker's own searches), and the booking's consent step opened
 * again (one Consent, changed, then taken back). The demo's visit Consent is set aside meanwhile, so that only
 * what hanako gives here counts.
 */
class MyConsentsBrowserTest {

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
    }

    /** Each test starts from the same sharing: what one gave does not count in the next. */
    @AfterEach
    void revokeWhatThisTestGave() {
        records.revokeHanakos(madeHere);
        madeHere.clear();
    }

    @AfterAll
    static void putBack() {
        try {
            records.setDemoVisitConsent(Consent.ConsentState.ACTIVE);
        } finally {
            browsers.close();
        }
    }

    @Test
    void aStandingGrantToHerDoctorShowsOnHisChartAndNarrowingItCountsOnHisNextPage() {
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(40), HubVisitCodes.ONLINE_DIAGNOSIS, "血圧の経過");
        try (BrowserContext resident = browsers.newPerson(); BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/consents", "hanako");

            // Nothing ticked: a clear error, and no Consent written.
            int before = consentsOfHanako().size();
            page.locator("#grant-recipient").selectOption("Practitioner/dr-suzuki");
            page.locator("#grant-submit").click();
            assertThat(page.locator("#consents-error").textContent()).isEqualTo("見せるデータを一つ以上選んでください。");
            assertThat(consentsOfHanako()).hasSize(before);

            page.locator("#grant-recipient").selectOption("Practitioner/dr-suzuki");
            page.locator("#grant-HOME_BLOOD_PRESSURE").check();
            page.locator("#grant-LAB_RESULTS").check();
            page.locator("#grant-period-open").check();
            Browsers.screenshot(page, "my-consents-grant");
            page.locator("#grant-submit").click();
            assertThat(page.locator("#consents-notice").textContent()).isEqualTo("同意しました。");
            Locator granted = activeConsentSaying(page,
                    "鈴木 一郎 医師（会津クリニック）が、治療のために、あなたの家庭血圧と病院の検査結果を 期限なしで 見ることができます");
            String consent = granted.getAttribute("data-consent");
            madeHere.add(consent);
            Consent stored = records.as("hanako").read().resource(Consent.class).withId(consent).execute();
            assertThat(stored.getProvision().getPeriod().hasEnd()).as("until she revokes it").isFalse();

            Page chart = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            chart.waitForSelector("#chart");
            assertThat(chart.locator("#section-home-bp .not-shared").count()).isZero();
            assertThat(chart.locator("#section-labResults .not-shared").count()).isZero();
            assertThat(chart.locator(".not-shared").count()).as("prescriptions, conditions, allergies").isEqualTo(3);

            // She narrows it to her home blood pressure until a day she picks.
            LocalDate lastDay = LocalDate.now(HubRecords.TOKYO).plusDays(3);
            granted.locator("details.narrow summary").click();
            granted.locator("#narrow-" + consent + "-LAB_RESULTS").uncheck();
            granted.locator("#until-" + consent).fill(lastDay.toString());
            Browsers.screenshot(page, "my-consents-narrow");
            granted.locator("button.narrow-submit").click();
            assertThat(page.locator("#consents-notice").textContent()).isEqualTo("同意を狭めました。");
            assertThat(page.locator("#active-consents article[data-consent='" + consent + "'] .sentence").textContent())
                    .isEqualTo("鈴木 一郎 医師（会津クリニック）が、治療のために、あなたの家庭血圧を " + japaneseDate(lastDay) + "まで 見ることができます");

            chart.reload();
            chart.waitForSelector("#chart");
            assertThat(chart.locator("#section-home-bp .not-shared").count()).isZero();
            assertThat(chart.locator("#section-labResults .not-shared").count()).as("narrowed away").isEqualTo(1);
            assertThat(chart.locator(".not-shared").count()).isEqualTo(4);

            // Narrowing cannot widen: ticking nothing is refused and changes nothing.
            granted = page.locator("#active-consents article[data-consent='" + consent + "']");
            granted.locator("details.narrow summary").click();
            granted.locator("#narrow-" + consent + "-HOME_BLOOD_PRESSURE").uncheck();
            granted.locator("button.narrow-submit").click();
            assertThat(page.locator("#consents-error").textContent()).isEqualTo("すべてのデータを外す場合は「取り消す」を押してください。");
            assertThat(page.locator("#active-consents article[data-consent='" + consent + "'] .sentence").textContent())
                    .contains("あなたの家庭血圧を");
        }
    }

    @Test
    void theCityPlatformOptInIsGivenFromThePageAndCountsForTheCityUntilSheRevokesIt() {
        IGenericClient city = records.asClient("city-broker");
        assertThat(vitalSignsTheCitySees(city)).as("before she opts in").isZero();
        try (BrowserContext resident = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/consents", "hanako");
            assertThat(page.locator("#signed-in-name").textContent()).as("her name as she writes it").isEqualTo("山田 花子");
            Locator option = page.locator("#grant-recipient option[value='Organization/city-platform']");
            assertThat(option.textContent()).isEqualTo("会津若松市 データ連携基盤 — 目的：公衆衛生");
            page.locator("#grant-recipient").selectOption("Organization/city-platform");
            page.locator("#grant-HOME_BLOOD_PRESSURE").check();
            page.locator("#grant-days").fill("30");
            page.locator("#grant-submit").click();
            LocalDate lastDay = LocalDate.now(HubRecords.TOKYO).plusDays(30);
            Locator optIn = activeConsentSaying(page,
                    "会津若松市 データ連携基盤が、公衆衛生のために、あなたの家庭血圧を " + japaneseDate(lastDay) + "まで 見ることができます");
            String consent = optIn.getAttribute("data-consent");
            madeHere.add(consent);

            assertThat(vitalSignsTheCitySees(city)).as("her home readings, for public health").isPositive();
            Bundle labs = city.search().byUrl("Observation?subject=Patient/hanako&category=laboratory&_summary=count")
                    .returnBundle(Bundle.class).execute();
            assertThat(labs.getTotal()).as("nothing she did not tick").isZero();

            page.navigate(hub.bridgeUrl() + "/consents?lang=en");
            assertThat(page.locator("#grant-recipient option[value='Organization/city-platform']").textContent())
                    .endsWith(" — purpose: public health");
            Browsers.screenshot(page, "my-consents-city-en");
            page.navigate(hub.bridgeUrl() + "/consents?lang=ja");

            page.locator("#active-consents article[data-consent='" + consent + "'] button.revoke").click();
            assertThat(page.locator("#past-consents article[data-consent='" + consent + "'] .badge").textContent())
                    .isEqualTo("取り消し済み");
            assertThat(vitalSignsTheCitySees(city)).as("the city's very next request").isZero();
        }
    }

    @Test
    void openingTheVisitConsentStepAgainChangesTheOneConsentAndDecliningTakesItBack() {
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(50), HubVisitCodes.ONLINE_DIAGNOSIS, "薬の相談");
        try (BrowserContext resident = browsers.newPerson(); BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(resident, hub.bridgeUrl(), "/book/visits/" + visit + "/consent", "hanako");
            assertThat(page.locator("#already-sharing").count()).isZero();
            page.locator("#share-HOME_BLOOD_PRESSURE").check();
            page.locator("#share").click();
            page.waitForSelector("#booked");
            List<Consent> forVisit = visitConsents(visit);
            assertThat(forVisit).hasSize(1);
            madeHere.add(forVisit.get(0).getIdElement().getIdPart());

            // Opened again: what she shares is shown and ticked; she adds her prescriptions.
            page.navigate(hub.bridgeUrl() + "/book/visits/" + visit + "/consent");
            assertThat(page.locator("#current-sharing").textContent()).contains("あなたの家庭血圧を");
            assertThat(page.locator("#share-HOME_BLOOD_PRESSURE").isChecked()).isTrue();
            assertThat(page.locator("#share-PRESCRIPTIONS").isChecked()).isFalse();
            page.locator("#share-PRESCRIPTIONS").check();
            Browsers.screenshot(page, "booking-consent-again");
            page.locator("#share").click();
            page.waitForSelector("#booked");
            assertThat(page.locator("#sharing").textContent()).contains("あなたの家庭血圧と処方を");
            forVisit = visitConsents(visit);
            assertThat(forVisit).as("still one Consent for the visit").hasSize(1);
            assertThat(forVisit.get(0).getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
            assertThat(ConsentTerms.of(forVisit.get(0)).data())
                    .containsExactlyInAnyOrder(SharedData.HOME_BLOOD_PRESSURE, SharedData.PRESCRIPTIONS);

            Page chart = Browsers.signIn(doctor, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            chart.waitForSelector("#chart");
            assertThat(chart.locator("#section-prescriptions .not-shared").count()).isZero();
            assertThat(chart.locator(".not-shared").count()).as("labs, conditions, allergies").isEqualTo(3);

            // Declining now takes the earlier choice back.
            page.navigate(hub.bridgeUrl() + "/book/visits/" + visit + "/consent");
            page.locator("#decline").click();
            page.waitForSelector("#booked");
            assertThat(page.locator("#not-sharing").textContent()).startsWith("データは共有していません");
            forVisit = visitConsents(visit);
            assertThat(forVisit).hasSize(1);
            assertThat(forVisit.get(0).getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
            chart.reload();
            chart.waitForSelector("#chart");
            assertThat(chart.locator(".not-shared").count()).isEqualTo(5);
        }
    }

    private static Locator activeConsentSaying(Page page, String sentence) {
        Locator article = page.locator("#active-consents article.consent")
                .filter(new Locator.FilterOptions().setHas(page.locator(".sentence", new Page.LocatorOptions().setHasText(sentence))));
        assertThat(article.count()).as("one active consent saying: " + sentence).isEqualTo(1);
        assertThat(article.locator(".sentence").textContent()).isEqualTo(sentence);
        return article;
    }

    private static int vitalSignsTheCitySees(IGenericClient city) {
        return city.search().byUrl("Observation?subject=Patient/hanako&category=vital-signs&_summary=count")
                .returnBundle(Bundle.class).execute().getTotal();
    }

    private static List<Consent> consentsOfHanako() {
        return records.as("hanako").search().byUrl("Consent?patient=Patient/hanako&_count=200").returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> (Consent) e.getResource()).toList();
    }

    private static List<Consent> visitConsents(String appointment) {
        return records.as("hanako").search()
                .byUrl("Consent?patient=Patient/hanako&identifier=" + HubIdentifiers.VISIT_CONSENT + "|" + appointment)
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Consent) e.getResource()).toList();
    }

    /** As the pages write a date: "12月4日", with the year when it is not this year's. */
    private static String japaneseDate(LocalDate day) {
        boolean thisYear = day.getYear() == LocalDate.now(HubRecords.TOKYO).getYear();
        return DateTimeFormatter.ofPattern(thisYear ? "M月d日" : "yyyy年M月d日", Locale.JAPANESE).format(day);
    }
}
