package org.phrhub.telehealth.schedule;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.resident.ResidentHome;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: a clinician's day (today's and upcoming online visits), or a resident's home page. */
@Controller
class DayListController {

    private final RecordClients records;
    private final BridgeProperties properties;
    private final Clock clock;
    private final Appointments appointments;
    private final SharingStatus sharing = new SharingStatus();
    private final ResidentHome residentHome;

    DayListController(RecordClients records, Appointments appointments, ResidentHome residentHome, BridgeProperties properties,
            Clock clock) {
        this.records = records;
        this.properties = properties;
        this.clock = clock;
        this.appointments = appointments;
        this.residentHome = residentHome;
    }

    @GetMapping("/")
    String day(Authentication authentication, Model model) {
        SignedInUser user = SignedInUser.of(authentication);
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        IGenericClient fhir = records.asSignedInUser(user);
        List<ScheduledVisit> visits = appointments.of(fhir, user.fhirUser(), today,
                today.plusDays(properties.upcomingDays().toDays() + 1));
        if (!user.isClinician()) {
            return residentHome.render(fhir, user, visits, model);
        }
        List<ScheduledVisit> todays = visits.stream().filter(v -> v.start().toLocalDate().equals(today)).toList();
        List<ScheduledVisit> upcoming = visits.stream().filter(v -> v.start().toLocalDate().isAfter(today)).toList();
        Set<String> sharingPatients = sharing.patientsSharingWith(fhir, visits.stream().map(ScheduledVisit::patient).distinct().toList());
        model.addAttribute("user", user);
        model.addAttribute("day", new DayList(today, todays, upcoming, sharingPatients));
        return "day";
    }
}
