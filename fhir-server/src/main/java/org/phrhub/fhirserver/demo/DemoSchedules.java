package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.HubVisitCodes;

/**
 * The demo clinicians' online opening hours: a Schedule per clinician and service (dr.suzuki's online
 * consultations in the morning and health consultations in the afternoon, ph.ito's medication guidance)
 * and their 30-minute Slots on the weekdays of the coming days. A slot that the demo's booked visits
 * ({@link DemoVisitSchedule}) already cover is busy. Like the visits, everything follows from the date.
 */
final class DemoSchedules {

    static final Duration SLOT_LENGTH = Duration.ofMinutes(30);
    /** How many days after today the slots reach. */
    static final int DAYS_AHEAD = 7;

    /** One bookable service of one clinician, open in the given hours (start of each block, number of slots). */
    record Hours(String scheduleId, String clinician, String clinicianName, String role, String serviceCode,
            String serviceText, List<Block> blocks) {}

    record Block(LocalTime start, int slots) {}

    static final List<Hours> HOURS = List.of(
            new Hours("dr-suzuki-online-diagnosis", "Practitioner/dr-suzuki", "鈴木 一郎", "PractitionerRole/dr-suzuki-aizu-clinic",
                    HubVisitCodes.ONLINE_DIAGNOSIS, "オンライン診療", List.of(new Block(LocalTime.of(9, 0), 6))),
            new Hours("dr-suzuki-health-consultation", "Practitioner/dr-suzuki", "鈴木 一郎", "PractitionerRole/dr-suzuki-aizu-clinic",
                    HubVisitCodes.HEALTH_CONSULTATION, "オンライン健康相談", List.of(new Block(LocalTime.of(14, 0), 4))),
            new Hours("ph-ito-medication-guidance", "Practitioner/ph-ito", "伊藤 恵子", "PractitionerRole/ph-ito-aizu-pharmacy",
                    HubVisitCodes.MEDICATION_GUIDANCE, "オンライン服薬指導",
                    List.of(new Block(LocalTime.of(10, 0), 4), new Block(LocalTime.of(16, 0), 2))));

    private static final DateTimeFormatter SLOT_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private DemoSchedules() {}

    static List<Schedule> schedules(LocalDate today) {
        return HOURS.stream().map(hours -> schedule(hours, today)).toList();
    }

    /** The slots from tomorrow for {@value #DAYS_AHEAD} days, weekdays only, in order. */
    static List<Slot> slots(LocalDate today) {
        List<Appointment> booked = DemoVisitSchedule.appointments(today);
        List<Slot> slots = new ArrayList<>();
        for (int ahead = 1; ahead <= DAYS_AHEAD; ahead++) {
            LocalDate day = today.plusDays(ahead);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (Hours hours : HOURS) {
                for (Block block : hours.blocks()) {
                    for (int i = 0; i < block.slots(); i++) {
                        ZonedDateTime start = day.atTime(block.start()).atZone(DemoVisitSchedule.CITY_TIME).plus(SLOT_LENGTH.multipliedBy(i));
                        slots.add(slot(hours, start, booked));
                    }
                }
            }
        }
        return slots;
    }

    /** The identifier a slot is found by, so that seeding again adds only the slots of new days. */
    static String slotKey(Slot slot) {
        return slot.getIdentifierFirstRep().getValue();
    }

    private static Schedule schedule(Hours hours, LocalDate today) {
        Schedule schedule = new Schedule();
        schedule.setId(hours.scheduleId());
        schedule.setActive(true);
        schedule.addServiceType(service(hours));
        schedule.addActor(new Reference(hours.clinician()).setDisplay(hours.clinicianName()));
        schedule.addActor(new Reference(hours.role()));
        schedule.setPlanningHorizon(new Period()
                .setStart(Date.from(today.plusDays(1).atStartOfDay(DemoVisitSchedule.CITY_TIME).toInstant()))
                .setEnd(Date.from(today.plusDays(DAYS_AHEAD + 1L).atStartOfDay(DemoVisitSchedule.CITY_TIME).toInstant())));
        return schedule;
    }

    private static Slot slot(Hours hours, ZonedDateTime start, List<Appointment> booked) {
        ZonedDateTime end = start.plus(SLOT_LENGTH);
        Slot slot = new Slot();
        slot.addIdentifier().setSystem(HubIdentifiers.SLOT).setValue(hours.scheduleId() + "-" + SLOT_KEY.format(start));
        slot.setSchedule(new Reference("Schedule/" + hours.scheduleId()));
        slot.addServiceType(service(hours));
        slot.setStartElement(instant(start));
        slot.setEndElement(instant(end));
        boolean taken = booked.stream().anyMatch(a -> names(a, hours.clinician())
                && a.getStart().toInstant().isBefore(end.toInstant()) && a.getEnd().toInstant().isAfter(start.toInstant()));
        slot.setStatus(taken ? Slot.SlotStatus.BUSY : Slot.SlotStatus.FREE);
        return slot;
    }

    private static boolean names(Appointment appointment, String clinician) {
        return appointment.getParticipant().stream().anyMatch(p -> clinician.equals(p.getActor().getReference()));
    }

    private static CodeableConcept service(Hours hours) {
        return new CodeableConcept(new Coding(HubVisitCodes.ONLINE_SERVICE, hours.serviceCode(), hours.serviceText()))
                .setText(hours.serviceText());
    }

    private static InstantType instant(ZonedDateTime time) {
        return new InstantType(Date.from(time.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(DemoVisitSchedule.CITY_TIME));
    }
}
