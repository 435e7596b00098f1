package org.phrhub.telehealth.booking;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.stereotype.Component;

/** The clinicians' free slots of one online service, from their Schedules in the hub (directory data). */
@Component
class FreeSlots {

    List<FreeSlot> of(IGenericClient fhir, String service, Instant from, Instant until, ZoneId zone) {
        List<Slot> slots = new ArrayList<>();
        Map<String, Schedule> schedules = new HashMap<>();
        RecordPages.everyEntry(fhir, fhir.search().forResource(Slot.class)
                .where(new TokenClientParam("status").exactly().code("free"))
                .and(new TokenClientParam("service-type").exactly().systemAndCode(HubVisitCodes.ONLINE_SERVICE, service))
                .and(new DateClientParam("start").after().second(Date.from(from)))
                .and(new DateClientParam("start").before().second(Date.from(until)))
                .include(Slot.INCLUDE_SCHEDULE)
                .sort().ascending("start")
                .count(200), resource -> {
                    if (resource instanceof Slot slot) {
                        slots.add(slot);
                    } else if (resource instanceof Schedule schedule) {
                        schedules.put(schedule.getIdElement().toUnqualifiedVersionless().getValue(), schedule);
                    }
                });
        List<FreeSlot> free = new ArrayList<>();
        for (Slot slot : slots) {
            Schedule schedule = schedules.get(slot.getSchedule().getReferenceElement().toUnqualifiedVersionless().getValue());
            clinicianOf(schedule).ifPresent(clinician -> free.add(new FreeSlot(slot.getIdElement().getIdPart(),
                    slot.getStart().toInstant().atZone(zone), slot.getEnd().toInstant().atZone(zone), clinician, service)));
        }
        return free;
    }

    /** The Practitioner an active Schedule is of; empty for a schedule not to book from. */
    private static Optional<String> clinicianOf(Schedule schedule) {
        if (schedule == null || !schedule.getActive()) {
            return Optional.empty();
        }
        return schedule.getActor().stream()
                .map(actor -> actor.getReferenceElement().toUnqualifiedVersionless().getValue())
                .filter(reference -> reference != null && reference.startsWith("Practitioner/"))
                .findFirst();
    }
}
