package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Today's online consultations for the demo ({@link DemoVisitSchedule}), stored at start-up after the
 * residents and their hospital records. Each resource has a fixed id and is stored with PUT: a restart
 * on the same day changes nothing, one on a later day moves the appointments and the Consent to it.
 */
@Component
@Order(DemoDataSeeder.ORDER + 2)
@ConditionalOnProperty(name = "phrhub.demo.seed", havingValue = "true")
public class DemoOnlineVisits implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOnlineVisits.class);

    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final Clock clock;

    public DemoOnlineVisits(IFhirSystemDao<Bundle, ?> systemDao, Clock clock) {
        this.systemDao = systemDao;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock.withZone(DemoVisitSchedule.CITY_TIME));
        Bundle visits = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        put(visits, DemoVisitSchedule.visitConsent(today));
        DemoVisitSchedule.appointments(today).forEach(appointment -> put(visits, appointment));
        // The server's own act, as the rest of the demo seed.
        systemDao.transaction(new SystemRequestDetails(), visits);
        log.info("Demo online visits of {} stored: {} Appointments and Consent/{}", today, visits.getEntry().size() - 1,
                DemoVisitSchedule.VISIT_CONSENT_ID);
    }

    private static void put(Bundle transaction, Resource resource) {
        transaction.addEntry().setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }
}
