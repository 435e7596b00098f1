package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.codes.ConsentTerminology;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.V3ActReason;

/**
 * The demo's online consultations on a given day: hanako's visit Consent for dr.suzuki and ph.ito, and
 * the day's booked video appointments of both clinicians with hanako and taro (and hanako's with
 * dr.suzuki the next day, so that "upcoming" is never empty). Everything follows from the date alone,
 * so the same day always gives the same resources.
 */
final class DemoVisitSchedule {

    /** The demo city's time zone: appointments are booked in local time. */
    static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");

    static final String VISIT_CONSENT_ID = "hanako-visit-consent";
    /** How long the visit Consent lasts after the day it is given. */
    private static final int CONSENT_DAYS = 30;
    private static final Duration SLOT = Duration.ofMinutes(20);

    /** Someone an appointment names, with the name the resident saw when booking. */
    private record Party(String reference, String display) {}

    private static final Party HANAKO = new Party("Patient/hanako", "山田 花子");
    private static final Party TARO = new Party("Patient/taro", "佐藤 太郎");
    private static final Party DR_SUZUKI = new Party("Practitioner/dr-suzuki", "鈴木 一郎");
    private static final Party PH_ITO = new Party("Practitioner/ph-ito", "伊藤 恵子");

    private record Service(String code, String text) {}

    private static final Service DIAGNOSIS = new Service(HubVisitCodes.ONLINE_DIAGNOSIS, "オンライン診療");
    private static final Service GUIDANCE = new Service(HubVisitCodes.MEDICATION_GUIDANCE, "オンライン服薬指導");

    /**
     * One booking.
     *
     * @param dayOffset  days after the schedule's day
     * @param sessionKey the video room both participants join; fixed, so a restart keeps links valid
     */
    private record Visit(String id, int dayOffset, LocalTime start, Party patient, Party clinician, Service service,
            String reason, String sessionKey) {}

    private static final List<Visit> VISITS = List.of(
            new Visit("online-visit-dr-suzuki-hanako", 0, LocalTime.of(10, 0), HANAKO, DR_SUZUKI, DIAGNOSIS,
                    "高血圧症の経過観察", "vr-7kq2mvx9tzl4bwn3"),
            new Visit("online-visit-dr-suzuki-taro", 0, LocalTime.of(11, 0), TARO, DR_SUZUKI, DIAGNOSIS,
                    "血圧の相談", "vr-c4hp8sd2rjy6fa1e"),
            new Visit("online-visit-ph-ito-hanako", 0, LocalTime.of(14, 0), HANAKO, PH_ITO, GUIDANCE,
                    "服薬指導（現在の処方薬）", "vr-n9wd3ke5qx7gtm2u"),
            new Visit("online-visit-ph-ito-taro", 0, LocalTime.of(15, 0), TARO, PH_ITO, GUIDANCE,
                    "服薬指導", "vr-b2ty6lc8vp4zhs9a"),
            new Visit("online-visit-dr-suzuki-hanako-next", 1, LocalTime.of(10, 0), HANAKO, DR_SUZUKI, DIAGNOSIS,
                    "高血圧症の経過観察", "vr-f5mx1ra7jd3kqw8e"));

    private DemoVisitSchedule() {}

    /**
     * hanako's opt-in for her online visits: dr.suzuki and ph.ito may read and write all of her record for
     * treatment, from the day to {@value #CONSENT_DAYS} days after.
     */
    static Consent visitConsent(LocalDate day) {
        Consent consent = new Consent();
        consent.setId(VISIT_CONSENT_ID);
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(ConsentTerminology.SCOPE_SYSTEM, ConsentTerminology.PATIENT_PRIVACY, null)));
        consent.addCategory(new CodeableConcept(new Coding(Loinc.SYSTEM, Loinc.PATIENT_CONSENT, "Patient Consent")));
        consent.setPatient(new Reference(HANAKO.reference()).setDisplay(HANAKO.display()));
        consent.setDateTimeElement(dateTime(day.atStartOfDay(CITY_TIME)));
        consent.getPolicyRule().addCoding(new Coding(Hl7Terminology.ACT_CODE, Hl7Terminology.OPT_IN, null));
        Consent.ProvisionComponent root = consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
        root.setPeriod(new Period()
                .setStartElement(dateTime(day.atStartOfDay(CITY_TIME)))
                .setEndElement(dateTime(day.plusDays(CONSENT_DAYS + 1L).atStartOfDay(CITY_TIME).minusSeconds(1))));
        // No class, code or action: the visit needs the whole record, and its results are written back into it.
        Consent.ProvisionComponent permit = root.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
        for (Party clinician : List.of(DR_SUZUKI, PH_ITO)) {
            permit.addActor()
                    .setRole(new CodeableConcept(new Coding(Hl7Terminology.PARTICIPATION_TYPE, Hl7Terminology.INFORMATION_RECIPIENT,
                            "information recipient")))
                    .setReference(new Reference(clinician.reference()).setDisplay(clinician.display()));
        }
        permit.addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.TREAT, "treatment"));
        return consent;
    }

    /** The booked online Appointments of the day and the day after, in their fixed order. */
    static List<Appointment> appointments(LocalDate day) {
        return VISITS.stream().map(visit -> appointment(visit, day)).toList();
    }

    private static Appointment appointment(Visit visit, LocalDate day) {
        ZonedDateTime start = day.plusDays(visit.dayOffset()).atTime(visit.start()).atZone(CITY_TIME);
        Appointment appointment = new Appointment();
        appointment.setId(visit.id());
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.addServiceType(new CodeableConcept(new Coding(HubVisitCodes.ONLINE_SERVICE, visit.service().code(),
                visit.service().text())).setText(visit.service().text()));
        appointment.addReasonCode(new CodeableConcept().setText(visit.reason()));
        appointment.setStartElement(instant(start));
        appointment.setEndElement(instant(start.plus(SLOT)));
        appointment.setMinutesDuration((int) SLOT.toMinutes());
        for (Party party : List.of(visit.patient(), visit.clinician())) {
            appointment.addParticipant()
                    .setActor(new Reference(party.reference()).setDisplay(party.display()))
                    .setRequired(Appointment.ParticipantRequired.REQUIRED)
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        Extension virtualService = appointment.addExtension().setUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE);
        virtualService.addExtension(FhirCrossVersion.CHANNEL_TYPE,
                new Coding(HubVisitCodes.VIRTUAL_SERVICE_TYPE, HubVisitCodes.WEBRTC_VIDEO, "WebRTC video"));
        virtualService.addExtension(FhirCrossVersion.SESSION_KEY, new StringType(visit.sessionKey()));
        return appointment;
    }

    /** A time as the city writes it, with its offset (+09:00), to the second. */
    private static DateTimeType dateTime(ZonedDateTime time) {
        return new DateTimeType(Date.from(time.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(CITY_TIME));
    }

    private static InstantType instant(ZonedDateTime time) {
        return new InstantType(Date.from(time.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(CITY_TIME));
    }
}
