package org.phrhub.telehealth.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.testsupport.keycloak.RealmClients;

/** Signing in through Keycloak's own page, tokens that never reach the browser, refresh, and signing out of both. */
class SignInBrowserTest {

    private static BridgeFixture hub;
    private static Browsers browsers;

    @BeforeAll
    static void arrange() {
        hub = BridgeFixture.hub();
        browsers = new Browsers();
    }

    @AfterAll
    static void close() {
        browsers.close();
    }

    @Test
    void theBrowserHoldsASessionCookieAndNoToken() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            assertThat(page.locator("h1").textContent()).isEqualTo("オンライン診療の予定");
            List<Cookie> cookies = doctor.cookies(hub.bridgeUrl());
            assertThat(cookies).extracting(c -> c.name).contains("JSESSIONID");
            assertThat(cookies).allSatisfy(c -> assertThat(c.value).doesNotStartWith("eyJ"));
            assertThat(cookies).filteredOn(c -> c.name.equals("JSESSIONID")).allSatisfy(c -> assertThat(c.httpOnly).isTrue());
            assertThat(page.content()).doesNotContain("eyJhbGci");
            Object stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
            assertThat((String) stored).doesNotContain("eyJ");
        }
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnTheServer() throws InterruptedException {
        // Tokens of the bridge's client live 61 s: Spring refreshes a token due within 60 s, so every call after
        // the first second refreshes, and after 65 s the first token has expired for the hub.
        RealmClients.setAccessTokenLifespan(hub.keycloak(), "telehealth-bridge", Duration.ofSeconds(61));
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            Thread.sleep(Duration.ofSeconds(65));
            page.reload();
            assertThat(page.locator("#todays-visits tr").count()).isPositive();
        } finally {
            RealmClients.setAccessTokenLifespan(hub.keycloak(), "telehealth-bridge", null);
        }
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            page.locator("#sign-out").click();
            page.waitForURL(hub.bridgeUrl() + "/signed-out");
            assertThat(page.locator("h1").textContent()).isEqualTo("サインアウトしました");
            // Had Keycloak kept its session, it would sign her straight back in; it asks for the password instead.
            page.locator("#sign-in-again").click();
            page.waitForSelector("#username");
            assertThat(page.url()).startsWith(hub.keycloak().baseUrl());
        }
    }

    @Test
    void englishIsOneClickAway() {
        try (BrowserContext doctor = browsers.newPerson()) {
            Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
            page.locator("a[hreflang=en]").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Online visits");
            page.navigate(hub.bridgeUrl() + "/");
            assertThat(page.locator("h1").textContent()).isEqualTo("Online visits");
            Browsers.screenshot(page, "doctor-day-en");
            page.locator("#todays-visits tr[data-patient='Patient/hanako'] a.button").first().click();
            page.waitForSelector("#chart");
            // The averages' days stay on one line: a date broken at its hyphen reads as two dates.
            assertThat(page.locator("#average-morning h3 .days").textContent()).matches("\\(\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}\\)");
            assertThat(page.evaluate("() => document.querySelector('#average-morning h3 .days').getClientRects().length"))
                    .isEqualTo(1);
            Browsers.screenshotOfScreen(page, "doctor-chart-en");
            page.goBack();
            page.locator("a[hreflang=ja]").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("オンライン診療の予定");
        }
    }
}
