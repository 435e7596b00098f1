package org.phrhub.telehealth.video;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phrhub.telehealth.VideoCalls.await;
import static org.phrhub.telehealth.VideoCalls.awaitRemoteVideo;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;

/**
 * A video visit end to end: dr.suzuki and hanako, each in their own browser with a fake camera and
 * microphone, join the visit from the real pages (signed in through Keycloak's login page) and see each
 * other; people who are not the Appointment's participants are kept out of its room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoVisitBrowserTest {

    private static final String DOCTOR = "Practitioner/dr-suzuki";

    private BridgeFixture hub;
    private Browsers browsers;
    private String visitId;

    @BeforeAll
    void start() {
        hub = BridgeFixture.hub();
        browsers = new Browsers();
        try (BrowserContext doctor = browsers.newPerson()) {
            visitId = idOf(openHanakosVisitFromTheDay(doctor));
        }
    }

    @AfterAll
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void doctorAndPatientSeeAndHearEachOther() throws Exception {
        try (BrowserContext doctor = browsers.newPerson(); BrowserContext patient = browsers.newPerson()) {
            Page doctors = openHanakosVisitFromTheDay(doctor);
            Page patients = Browsers.signIn(patient, hub.bridgeUrl(), "/visits/" + visitId, "hanako");
            assertThat(patients.locator("#chart")).hasCount(0);

            doctors.locator("#join-video").click();
            assertThat(doctors.locator("#video-state")).hasText("相手の参加を待っています");
            assertThat(doctors.locator("#join-video")).isHidden();
            patients.locator("#join-video").click();

            awaitRemoteVideo(doctors, "the doctor");
            awaitRemoteVideo(patients, "the patient");
            assertThat(doctors.locator("#video-state")).hasText("つながりました");
            assertThat(patients.locator("#video-state")).hasText("つながりました");

            MediaSeen seen = await("VisitMedia to show video and audio seen by dr.suzuki",
                    () -> hub.bean(VisitMedia.class).seenBy("Appointment/" + visitId, DOCTOR), MediaSeen::videoAndAudio);
            assertTrue(seen.video() && seen.audio());
            // Each browser reports on its own every few seconds; the bare id names the same visit.
            await("VisitMedia to show video and audio seen by hanako",
                    () -> hub.bean(VisitMedia.class).seenBy(visitId, "Patient/hanako"), MediaSeen::videoAndAudio);
            assertEquals(MediaSeen.NOTHING, hub.bean(VisitMedia.class).seenBy(visitId, "Practitioner/ph-ito"));

            // The toggles say their state in words.
            doctors.locator("#toggle-microphone").click();
            assertThat(doctors.locator("#toggle-microphone")).hasText("マイク オフ（相手に聞こえていません）");
            doctors.locator("#toggle-microphone").click();
            assertThat(doctors.locator("#toggle-microphone")).hasText("マイク オン");
            assertThat(doctors.locator("#toggle-camera")).hasText("カメラ オン");

            Browsers.screenshotOfScreen(doctors, "video-visit-doctor");
            Browsers.screenshot(patients, "video-visit-patient");

            doctors.locator("#shrink-video").click();
            assertThat(doctors.locator(".visit-grid")).hasClass(Pattern.compile("\\bvideo-small\\b"));
            Browsers.screenshot(doctors, "video-visit-doctor-small");
            doctors.locator("#shrink-video").click();
            assertThat(doctors.locator(".visit-grid")).not().hasClass(Pattern.compile("\\bvideo-small\\b"));
            assertThat(patients.locator("#shrink-video")).hasCount(0);

            patients.locator("#leave-video").click();
            assertThat(patients.locator("#video-state")).hasText("通話から退出しました");
            assertThat(patients.locator("#join-video")).isVisible();
            assertThat(doctors.locator("#video-state")).hasText("相手が退出しました。戻られるまでお待ちください");
        }
    }

    @Test
    void anotherPatientCannotJoinNorSeeTheVisit() throws Exception {
        try (BrowserContext taro = browsers.newPerson()) {
            Browsers.signIn(taro, hub.bridgeUrl(), "/visits/" + visitId, "taro");

            assertEquals(404, taro.request().get(hub.bridgeUrl() + "/visits/" + visitId).status(),
                    "another patient's visit is answered as not found");
            assertEquals(403, handshake(taro, hub.bridgeUrl()).status());
        }
    }

    @Test
    void aClinicianWhoIsNotInTheVisitCannotJoin() throws Exception {
        try (BrowserContext pharmacist = browsers.newPerson()) {
            Browsers.signIn(pharmacist, hub.bridgeUrl(), "/", "ph.ito");

            assertEquals(404, pharmacist.request().get(hub.bridgeUrl() + "/visits/" + visitId).status());
            assertEquals(403, handshake(pharmacist, hub.bridgeUrl()).status());
        }
    }

    @Test
    void onlyTheBridgesOwnPagesMayOpenTheRoom() throws Exception {
        try (BrowserContext patient = browsers.newPerson()) {
            Browsers.signIn(patient, hub.bridgeUrl(), "/visits/" + visitId, "hanako");

            assertEquals(403, handshake(patient, "https://elsewhere.example").status(), "another site's page, with her cookie");
            // The same handshake from the bridge's origin gets in: the refusals above are the checks', not the test's.
            Handshake own = handshake(patient, hub.bridgeUrl());
            assertEquals(101, own.status());
            assertEquals(SignalMessages.welcome(VisitRole.PATIENT, false), own.firstMessage());
        }
    }

    /** Signs dr.suzuki in (if not yet) and opens hanako's visit from the table of today's visits. */
    private Page openHanakosVisitFromTheDay(BrowserContext doctor) {
        Page page = Browsers.signIn(doctor, hub.bridgeUrl(), "/", "dr.suzuki");
        page.locator("#todays-visits tr[data-patient='Patient/hanako'] a").first().click();
        page.waitForURL(Pattern.compile(".*/visits/[^/?]+.*"));
        return page;
    }

    private static String idOf(Page visitPage) {
        String path = URI.create(visitPage.url()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The WebSocket handshake to the visit's room as the browser would make it, with the person's session cookie. */
    private Handshake handshake(BrowserContext person, String origin) throws Exception {
        String cookies = person.cookies(hub.bridgeUrl()).stream().map(c -> c.name + "=" + c.value)
                .collect(Collectors.joining("; "));
        CompletableFuture<String> firstMessage = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                firstMessage.complete(data.toString());
                return WebSocket.Listener.super.onText(socket, data, last);
            }
        };
        try (HttpClient http = HttpClient.newHttpClient()) {
            WebSocket socket = http.newWebSocketBuilder().header("Cookie", cookies).header("Origin", origin)
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(hub.bridgeUrl().replaceFirst("^http", "ws") + "/signal/" + visitId), listener)
                    .get(15, TimeUnit.SECONDS);
            try {
                return new Handshake(101, firstMessage.get(10, TimeUnit.SECONDS));
            } finally {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Handshake(refused.getResponse().statusCode(), null);
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("The signalling endpoint did not answer the handshake", e);
        }
    }

    private record Handshake(int status, String firstMessage) {}
}
