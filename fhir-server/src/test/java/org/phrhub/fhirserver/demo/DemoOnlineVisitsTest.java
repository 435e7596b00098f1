package org.phrhub.fhirserver.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.testsupport.fhir.R4Validation;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo's online consultations as its users meet them: each clinician finds today's and tomorrow's
 * video appointments booked with them, each resident their own, and hanako's visit Consent opens her
 * record to her two clinicians while taro's stays closed.
 */
class DemoOnlineVisitsTest extends FhirServerIntegrationTest {

    private static final String SUZUKI_HANAKO = "Appointment/online-visit-dr-suzuki-hanako";
    private static final String SUZUKI_TARO = "Appointment/online-visit-dr-suzuki-taro";
    private static final String ITO_HANAKO = "Appointment/online-visit-ph-ito-hanako";
    private static final String ITO_TARO = "Appointment/online-visit-ph-ito-taro";
    private static final String SUZUKI_HANAKO_NEXT = "Appointment/online-visit-dr-suzuki-hanako-next";
    private static final String VISIT_CONSENT = "Consent/" + DemoVisitSchedule.VISIT_CONSENT_ID;

    @Autowired
    private DemoOnlineVisits onlineVisits;

    @Autowired
    private DaoRegistry daos;

    private final LocalDate today = LocalDate.now(DemoVisitSchedule.CITY_TIME);
    private final String todayAndTomorrow = "date=ge" + today + "&date=lt" + today.plusDays(2);

    @Test
    void eachClinicianFindsTheOnlineVisitsBookedWithThemTodayAndTomorrow() {
        assertThat(found("Appointment?actor=Practitioner/dr-suzuki&" + todayAndTomorrow, "dr.suzuki"))
                .containsExactlyInAnyOrder(SUZUKI_HANAKO, SUZUKI_TARO, SUZUKI_HANAKO_NEXT);
        assertThat(found("Appointment?actor=Practitioner/ph-ito&" + todayAndTomorrow, "ph.ito"))
                .containsExactlyInAnyOrder(ITO_HANAKO, ITO_TARO);
    }

    @Test
    void eachResidentFindsTheirOwnOnlineVisits() {
        assertThat(found("Appointment?" + todayAndTomorrow, "hanako"))
                .containsExactlyInAnyOrder(SUZUKI_HANAKO, ITO_HANAKO, SUZUKI_HANAKO_NEXT);
        assertThat(found("Appointment?" + todayAndTomorrow, "taro")).containsExactlyInAnyOrder(SUZUKI_TARO, ITO_TARO);
    }

    @Test
    void hanakosVisitConsentOpensHerRecordToHerCliniciansWhileTarosStaysClosed() {
        assertThat(fhir.get("Observation/hanako-bp-morning", tokenOf("dr.suzuki")).status()).isEqualTo(200);
        assertThat(fhir.get("Observation/hanako-bp-morning", tokenOf("ph.ito")).status()).isEqualTo(200);
        assertThat(fhir.get("Observation/taro-bp-morning", tokenOf("dr.suzuki")).status()).isEqualTo(404);
        assertThat(fhir.get("Observation/hanako-bp-morning", tokenOf("dr.sato")).status()).isEqualTo(404);
        assertThat(fhir.get(SUZUKI_TARO, tokenOf("dr.suzuki")).status()).as("his booking with taro").isEqualTo(200);
        assertThat(fhir.get("Patient/taro", tokenOf("dr.suzuki")).status()).isEqualTo(404);

        Response consent = fhir.get(VISIT_CONSENT, tokenOf("dr.suzuki"));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        Consent visitConsent = consent.resource(Consent.class);
        assertThat(visitConsent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(visitConsent.getProvision().getPeriod().getStart())
                .isEqualTo(today.atStartOfDay(DemoVisitSchedule.CITY_TIME).toInstant());
        assertThat(visitConsent.getProvision().getPeriod().getEnd())
                .isAfter(today.plusDays(30).atStartOfDay(DemoVisitSchedule.CITY_TIME).toInstant());
    }

    @Test
    void theVisitsAreBookedVideoCallsInTodaysSlotsAndValidR4() {
        Appointment first = fhir.get(SUZUKI_HANAKO, tokenOf("hanako")).resource(Appointment.class);
        ZonedDateTime ten = today.atTime(10, 0).atZone(DemoVisitSchedule.CITY_TIME);

        assertThat(first.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(first.getStart().toInstant()).isEqualTo(ten.toInstant());
        assertThat(first.getEnd().toInstant()).isEqualTo(ten.plusMinutes(20).toInstant());
        assertThat(first.getParticipant()).extracting(p -> p.getActor().getDisplay()).containsExactly("山田 花子", "鈴木 一郎");
        Extension virtualService = first.getExtensionByUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE);
        assertThat(((Coding) virtualService.getExtensionByUrl(FhirCrossVersion.CHANNEL_TYPE).getValue()).getCode())
                .isEqualTo(HubVisitCodes.WEBRTC_VIDEO);
        assertThat(virtualService.getExtensionByUrl(FhirCrossVersion.SESSION_KEY).getValue().primitiveValue()).isNotBlank();
        assertThat(first.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo(HubVisitCodes.ONLINE_DIAGNOSIS);

        List<Resource> seeded = new ArrayList<>();
        seeded.add(fhir.get(VISIT_CONSENT, tokenOf("hanako")).resource(Consent.class));
        for (String hanakos : List.of(SUZUKI_HANAKO, ITO_HANAKO, SUZUKI_HANAKO_NEXT)) {
            seeded.add(fhir.get(hanakos, tokenOf("hanako")).resource(Appointment.class));
        }
        for (String taros : List.of(SUZUKI_TARO, ITO_TARO)) {
            seeded.add(fhir.get(taros, tokenOf("taro")).resource(Appointment.class));
        }
        R4Validation.assertValid(seeded);
    }

    @Test
    void seedingAgainOnTheSameDayChangesNothing() {
        List<String> before = versions();

        onlineVisits.run(null);

        assertThat(versions()).isEqualTo(before);
    }

    private List<String> versions() {
        List<String> versions = new ArrayList<>();
        for (String reference : List.of(VISIT_CONSENT, SUZUKI_HANAKO, SUZUKI_TARO, ITO_HANAKO, ITO_TARO, SUZUKI_HANAKO_NEXT)) {
            IdType id = new IdType(reference);
            versions.add(daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails()).getIdElement().getValue());
        }
        return versions;
    }

    private List<String> found(String search, String user) {
        Response response = fhir.get(search + "&_count=200&_total=accurate", tokenOf(user));
        assertThat(response.status()).as(search + " by " + user + ": " + response.body()).isEqualTo(200);
        Bundle bundle = response.bundle();
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        return bundle.getEntry().stream().map(e -> "Appointment/" + e.getResource().getIdElement().getIdPart()).toList();
    }
}
