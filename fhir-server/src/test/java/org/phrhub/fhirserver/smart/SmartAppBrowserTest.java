package org.phrhub.fhirserver.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.testsupport.browser.DebianChromium;
import org.phrhub.testsupport.keycloak.HubTokens;
import org.phrhub.testsupport.keycloak.RealmClients;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A third-party app built on SMART's own JavaScript library ({@code fhirclient}, test resource
 * {@code smart-app/}) does a standalone launch against the hub in Debian's Chromium: it discovers the realm
 * through {@code .well-known/smart-configuration}, sends hanako through Keycloak's real login and consent
 * pages, and reads her record with the token it gets, from a page of its own origin (CORS).
 */
class SmartAppBrowserTest extends FhirServerIntegrationTest {

    private static final Path ARTIFACTS = Path.of(System.getProperty("phrhub.test.artifacts", "target/screenshots"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8");

    private static HttpServer appServer;
    private static String appOrigin;
    private static Playwright playwright;
    private static Browser browser;

    @Autowired
    private DaoRegistry daos;

    @BeforeAll
    static void startTheAppAndTheBrowser() throws IOException {
        appServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        appServer.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            try (InputStream file = name.contains("..") ? null : SmartAppBrowserTest.class.getResourceAsStream("/smart-app/" + name)) {
                if (file == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] body = file.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type",
                            CONTENT_TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"));
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            } finally {
                exchange.close();
            }
        });
        appServer.start();
        // The app's own origin, registered as a redirect (and thereby web origin) of resident-app for this run.
        appOrigin = "http://localhost:" + appServer.getAddress().getPort();
        RealmClients.allowRedirects(keycloak(), AppSignIn.CLIENT_ID, appOrigin);

        playwright = Playwright.create();
        browser = DebianChromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (appServer != null) {
            appServer.stop(0);
        }
    }

    @Test
    void appReadsHanakosObservationsAndIsRefusedConditionsItWasNotGranted() throws IOException {
        JsonNode result = launch("openid fhirUser launch/patient patient/Observation.rs", "smart-app-observations-only");

        assertThat(result.get("grantedScope").asText().split(" ")).contains("patient/Observation.rs")
                .doesNotContain("patient/Condition.rs");
        // fhirclient reads the patient in context from the token response, where Keycloak cannot put it; the app
        // falls back to the resident's own Patient from fhirUser.
        assertThat(result.get("patientFromTokenResponse").isNull()).isTrue();
        assertThat(result.get("fhirUser").asText()).isEqualTo("Patient/hanako");
        assertThat(result.get("patientId").asText()).isEqualTo("hanako");
        assertThat(result.at("/observations/status").asInt()).isEqualTo(200);
        assertThat(texts(result.at("/observations/ids"))).contains("Observation/hanako-bp-morning", "Observation/hanako-bp-evening")
                .allMatch(id -> id.startsWith("Observation/"));
        assertThat(result.at("/conditions/status").asInt()).isEqualTo(403);
        assertThat(result.at("/conditions/message").asText()).contains("patient/Condition.rs");
    }

    @Test
    void appGrantedConditionsAndOfflineAccessReadsHerConditions() throws IOException {
        String condition = storeConditionOfHanako();

        JsonNode result = launch("openid fhirUser launch/patient patient/Observation.rs patient/Condition.rs offline_access",
                "smart-app-with-conditions");

        assertThat(result.get("grantedScope").asText().split(" ")).contains("patient/Condition.rs", "offline_access");
        assertThat(result.at("/observations/status").asInt()).isEqualTo(200);
        assertThat(result.at("/conditions/status").asInt()).isEqualTo(200);
        assertThat(texts(result.at("/conditions/ids"))).contains(condition);
        assertThat(result.get("refreshTokenType").asText()).isEqualTo("Offline");
    }

    /** Opens the app's launch page in a fresh browser profile, signs hanako in and returns what the app read. */
    private JsonNode launch(String scope, String screenshotName) throws IOException {
        try (var person = browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 900).setLocale("ja-JP"))) {
            Page page = person.newPage();
            page.navigate(appOrigin + "/launch.html?iss=" + URLEncoder.encode(fhir.base(), StandardCharsets.UTF_8)
                    + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
            page.locator("#username").fill("hanako");
            page.locator("#password").fill(HubTokens.DEMO_PASSWORD);
            page.locator("#kc-login").click();
            page.waitForURL(url -> url.startsWith(appOrigin) || url.contains("/login-actions/"));
            if (!page.url().startsWith(appOrigin)) {
                // Keycloak asks hanako to allow what the app asked for (only once per set of scopes).
                page.locator("[name=accept]").waitFor();
                page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(screenshotName + "-consent.png")));
                page.locator("[name=accept]").click();
            }
            page.waitForURL(url -> url.startsWith(appOrigin + "/app.html"));
            page.locator("#result[data-done]").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(screenshotName + ".png")).setFullPage(true));
            JsonNode result = JSON.readTree(page.locator("#result").textContent());
            assertThat(result.has("error")).as(result.toString()).isFalse();
            return result;
        }
    }

    private String storeConditionOfHanako() {
        Condition hypertension = new Condition();
        hypertension.setId("app-" + UUID.randomUUID().toString().substring(0, 13));
        hypertension.setSubject(new Reference("Patient/hanako"));
        hypertension.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
        daos.getResourceDao(Condition.class).update(hypertension, new SystemRequestDetails());
        return "Condition/" + hypertension.getIdElement().getIdPart();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
