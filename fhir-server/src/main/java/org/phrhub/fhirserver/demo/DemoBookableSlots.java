package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.phrhub.vocabulary.HubIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo clinicians' Schedules and free Slots of the coming days ({@link DemoSchedules}), stored at start-up
 * after the day's visits. Schedules are stored with PUT; a Slot is created only if none with its identifier
 * exists, so a restart never frees a slot a resident has booked in the meantime.
 */
@Component
@Order(DemoDataSeeder.ORDER + 3)
@ConditionalOnProperty(name = "phrhub.demo.seed", havingValue = "true")
public class DemoBookableSlots implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoBookableSlots.class);

    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final Clock clock;

    public DemoBookableSlots(IFhirSystemDao<Bundle, ?> systemDao, Clock clock) {
        this.systemDao = systemDao;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock.withZone(DemoVisitSchedule.CITY_TIME));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Schedule schedule : DemoSchedules.schedules(today)) {
            transaction.addEntry().setResource(schedule).getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT).setUrl("Schedule/" + schedule.getIdElement().getIdPart());
        }
        List<Slot> slots = DemoSchedules.slots(today);
        for (Slot slot : slots) {
            transaction.addEntry().setResource(slot).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Slot")
                    .setIfNoneExist("identifier=" + HubIdentifiers.SLOT + "|" + DemoSchedules.slotKey(slot));
        }
        // The server's own act, as the rest of the demo seed.
        systemDao.transaction(new SystemRequestDetails(), transaction);
        log.info("Demo schedules stored: {} Schedules and {} Slots from {} on", DemoSchedules.HOURS.size(), slots.size(),
                today.plusDays(1));
    }
}
