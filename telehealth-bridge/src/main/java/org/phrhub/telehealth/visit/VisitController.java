package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import org.phrhub.telehealth.chart.ChartJson;
import org.phrhub.telehealth.chart.ChartService;
import org.phrhub.telehealth.chart.ChartSpan;
import org.phrhub.telehealth.chart.PatientChart;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.vocabulary.V3ActReason;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The visit page: the patient's chart beside the video and the clinician's record of the visit. */
@Controller
class VisitController {

    private final RecordClients records;
    private final ChartService charts;
    private final BridgeProperties properties;
    private final Clock clock;
    private final Appointments appointments;

    VisitController(RecordClients records, ChartService charts, BridgeProperties properties, Clock clock) {
        this.records = records;
        this.charts = charts;
        this.properties = properties;
        this.clock = clock;
        this.appointments = new Appointments(properties.zone());
    }

    @GetMapping("/visits/{id}")
    String visit(@PathVariable String id, @RequestParam(name = "span", required = false) String span,
            Authentication authentication, Model model) {
        SignedInUser user = SignedInUser.of(authentication);
        IGenericClient fhir = records.asSignedInUser(V3ActReason.TREAT);
        ScheduledVisit visit = participantsVisit(fhir, id, user);
        model.addAttribute("user", user);
        model.addAttribute("visit", visit);
        if (user.isClinician()) {
            LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
            PatientChart chart = charts.chartOf(fhir, visit.patient(), visit.patientName(), ChartSpan.ofParameter(span), today);
            model.addAttribute("chart", chart);
            model.addAttribute("chartJson", chart.homeBloodPressure().isShared() ? ChartJson.of(chart.homeBloodPressure().content()) : "");
        }
        return "visit";
    }

    /** The visit, if the signed-in person takes part in it; anything else is answered as not found. */
    ScheduledVisit participantsVisit(IGenericClient fhir, String id, SignedInUser user) {
        return appointments.byId(fhir, id)
                .filter(v -> user.fhirUser().equals(v.clinician()) || user.fhirUser().equals(v.patient()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such visit"));
    }
}
