package org.phrhub.telehealth.resident;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.phrhub.telehealth.directory.Clinician;
import org.phrhub.telehealth.directory.Directory;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The resident's home page: their coming online visits with the clinician's name, workplace and licence from
 * the hub's directory, a join button from {@link JoinWindow#OPENS_BEFORE} before the start, and the ways to
 * their record and access log.
 */
@Component
public class ResidentHome {

    private final Directory directory;
    private final Clock clock;

    ResidentHome(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** @param visits the resident's appointments from today on, earliest first */
    public String render(IGenericClient fhir, SignedInUser user, List<ScheduledVisit> visits, Model model) {
        Map<String, Clinician> clinicians = directory.clinicians(fhir, visits.stream().map(ScheduledVisit::clinician).toList());
        Instant now = clock.instant();
        List<UpcomingVisit> upcoming = visits.stream()
                .map(visit -> new UpcomingVisit(visit,
                        clinicians.getOrDefault(visit.clinician(), Clinician.unlisted(visit.clinician(), visit.clinicianName())),
                        JoinWindow.of(visit, now), visit.start().minus(JoinWindow.OPENS_BEFORE)))
                .toList();
        model.addAttribute("user", user);
        model.addAttribute("visits", upcoming);
        return "patient-home";
    }
}
