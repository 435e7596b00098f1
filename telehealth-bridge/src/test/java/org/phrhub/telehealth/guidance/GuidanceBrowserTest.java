package org.phrhub.telehealth.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.telehealth.VideoCalls.await;
import static org.phrhub.telehealth.VideoCalls.awaitRemoteVideo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.telehealth.video.MediaSeen;
import org.phrhub.telehealth.video.VisitMedia;
import org.phrhub.testsupport.fhir.R4Validation;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.SnomedCt;

/**
 * The pharmacist's online medication guidance in real browsers: hanako's prescriptions, allergies and
 * home blood pressure on screen, and the guidance recorded only when the patient was seen and heard.
 */
class GuidanceBrowserTest {

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
    void pharmacistsDayListsTheSeededGuidanceVisits() {
        try (BrowserContext pharmacist = browsers.newPerson()) {
            Page page = Browsers.signIn(pharmacist, hub.bridgeUrl(), "/", "ph.ito");
            assertThat(page.locator("#todays-visits tr[data-patient='Patient/hanako'] .badge.ok").first().textContent()).isEqualTo("共有あり");
            assertThat(page.locator("#todays-visits tr[data-patient='Patient/taro'] .badge.no").first().textContent()).isEqualTo("共有なし");
        }
    }

    @Test
    void guidanceWithoutThePatientsVideoIsNotRecordedAsOnlineGuidance() {
        String visit = bookGuidance(5);
        try (BrowserContext pharmacist = browsers.newPerson()) {
            Page page = Browsers.signIn(pharmacist, hub.bridgeUrl(), "/visits/" + visit, "ph.ito");
            fillGuidance(page);
            page.locator("#record-guidance").click();
            assertThat(page.locator("#problems").textContent()).contains("映像と音声が一度も届いていません");
            // What was typed is still there.
            assertThat(page.locator("#guidanceNotes").inputValue()).isEqualTo("血圧の薬は朝に飲むよう説明した。");
        }
        assertThat(search("Encounter?appointment=Appointment/" + visit, Encounter.class)).isEmpty();
        assertThat(records.as("hanako").read().resource(Appointment.class).withId(visit).execute().getStatus())
                .isEqualTo(Appointment.AppointmentStatus.BOOKED);
    }

    @Test
    void guidanceOverVideoAndAudioIsRecordedInOneTransaction() throws InterruptedException {
        String visit = bookGuidance(10);
        try (BrowserContext pharmacist = browsers.newPerson(); BrowserContext patient = browsers.newPerson()) {
            Page pharmacists = Browsers.signIn(pharmacist, hub.bridgeUrl(), "/visits/" + visit, "ph.ito");
            assertThat(pharmacists.locator("#section-prescriptions tbody tr").count()).isPositive();
            assertThat(pharmacists.locator("#section-allergies tbody tr").count()).isPositive();
            assertThat(pharmacists.locator("#section-renal").count()).isEqualTo(1);
            assertThat(pharmacists.locator("#section-home-bp").count()).isEqualTo(1);
            Page patients = Browsers.signIn(patient, hub.bridgeUrl(), "/visits/" + visit, "hanako");
            pharmacists.locator("#join-video").click();
            patients.locator("#join-video").click();
            awaitRemoteVideo(pharmacists, "the pharmacist");
            await("the pharmacist's browser to report the patient's video and audio",
                    () -> hub.bean(VisitMedia.class).seenBy(visit, "Practitioner/ph-ito"), MediaSeen::videoAndAudio);

            fillGuidance(pharmacists);
            Browsers.screenshotOfScreen(pharmacists, "pharmacist-guidance");
            pharmacists.locator("#record-guidance").click();
            pharmacists.waitForSelector("#written-notice, #problems, #refusal");
            assertThat(pharmacists.locator("#problems, #refusal").allTextContents()).as("what the page says").isEmpty();
        }

        List<Encounter> encounters = search("Encounter?appointment=Appointment/" + visit, Encounter.class);
        assertThat(encounters).hasSize(1);
        String encounter = encounters.getFirst().getIdElement().toUnqualifiedVersionless().getValue();
        List<Procedure> guidance = search("Procedure?encounter=" + encounter, Procedure.class);
        List<MedicationDispense> dispensed = search("MedicationDispense?subject=Patient/hanako&_count=200", MedicationDispense.class)
                .stream().filter(d -> d.getContext().getReference().equals(encounter)).toList();
        assertThat(guidance).singleElement().satisfies(procedure -> {
            assertThat(procedure.getCode().getCodingFirstRep().getSystem()).isEqualTo(SnomedCt.SYSTEM);
            assertThat(procedure.getCode().getCodingFirstRep().getCode()).isEqualTo(SnomedCt.MEDICATION_EDUCATION);
            assertThat(procedure.getNote()).extracting(n -> n.getText()).contains("お薬手帳を確認した", "血圧の薬は朝に飲むよう説明した。");
        });
        assertThat(dispensed).hasSize(1);
        assertThat(dispensed.getFirst().getAuthorizingPrescriptionFirstRep().getReference()).startsWith("MedicationRequest/");
        assertThat(dispensed.getFirst().getDaysSupply().getValue()).isEqualByComparingTo("14");
        assertThat(records.as("hanako").read().resource(Appointment.class).withId(visit).execute().getStatus())
                .isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        List<Resource> written = new ArrayList<>(encounters);
        written.addAll(guidance);
        written.addAll(dispensed);
        R4Validation.assertValid(written);

        // hanako reads the guidance in her own record, with the drug handed over.
        String drug = dispensed.getFirst().getMedicationCodeableConcept().getText();
        try (BrowserContext patient = browsers.newPerson()) {
            Page page = Browsers.signIn(patient, hub.bridgeUrl(), "/my-record", "hanako");
            Locator result = page.locator("#my-results .result[data-kind=GUIDANCE]").first();
            assertThat(result.textContent()).contains("オンライン服薬指導", "血圧の薬は朝に飲むよう説明した。", drug, "14日分");
        }
    }

    private static String bookGuidance(int minutesFromNow) {
        return records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/ph-ito", "伊藤 恵子",
                ZonedDateTime.now(HubRecords.TOKYO).plusMinutes(minutesFromNow), HubVisitCodes.MEDICATION_GUIDANCE, "服薬指導");
    }

    /** Explains and checks, and hands over the first listed prescription for 14 days. */
    private static void fillGuidance(Page page) {
        page.locator("#explainedUse").check();
        page.locator("#explainedSideEffects").check();
        page.locator("#notebookChecked").check();
        page.locator("#otherDrugsChecked").check();
        for (int i = 1; i < 4; i++) {
            page.locator("input[name=dispense" + i + "]").uncheck();
        }
        page.locator("input[name=dispense0]").check();
        page.locator("input[name=dispenseQuantity]").first().fill("14");
        page.locator("input[name=dispenseUnit]").first().fill("錠");
        page.locator("input[name=dispenseDays]").first().fill("14");
        page.locator("#guidanceNotes").fill("血圧の薬は朝に飲むよう説明した。");
    }

    private static <T extends Resource> List<T> search(String url, Class<T> type) {
        IGenericClient asHanako = records.as("hanako");
        return asHanako.search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }
}
