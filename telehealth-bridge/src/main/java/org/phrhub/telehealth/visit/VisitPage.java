package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import org.phrhub.telehealth.chart.ChartJson;
import org.phrhub.telehealth.chart.ChartService;
import org.phrhub.telehealth.chart.ChartSpan;
import org.phrhub.telehealth.chart.PatientChart;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/** Renders the visit page: the chart for the clinician, the video, and the clinician's draft record. */
@Component
public class VisitPage {

    private final ChartService charts;
    private final DraftStore drafts;
    private final BridgeProperties properties;
    private final Clock clock;
    private final Appointments appointments;

    VisitPage(ChartService charts, DraftStore drafts, Appointments appointments, BridgeProperties properties, Clock clock) {
        this.charts = charts;
        this.drafts = drafts;
        this.properties = properties;
        this.clock = clock;
        this.appointments = appointments;
    }

    /** The visit, if the signed-in person takes part in it; anything else is answered as not found. */
    public ScheduledVisit participantsVisit(IGenericClient fhir, String id, SignedInUser user) {
        return appointments.byId(fhir, id)
                .filter(v -> user.fhirUser().equals(v.clinician()) || user.fhirUser().equals(v.patient()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such visit"));
    }

    /**
     * @param span  the chart's span parameter, e.g. {@code 3m}; null for the default
     * @param draft what the form shows; null to load the saved draft
     */
    public String render(IGenericClient fhir, ScheduledVisit visit, SignedInUser user, String span, Draft draft, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("visit", visit);
        model.addAttribute("iceServers", properties.video().iceServers());
        if (user.isClinician()) {
            LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
            PatientChart chart = charts.chartOf(fhir, visit.patient(), visit.patientName(), ChartSpan.ofParameter(span), today);
            model.addAttribute("chart", chart);
            model.addAttribute("chartJson", chart.homeBloodPressure().isShared() ? ChartJson.of(chart.homeBloodPressure().content()) : "");
            model.addAttribute("draft", draft != null ? draft
                    : drafts.load(user.fhirUser(), visit.appointmentId()).orElseGet(() -> Draft.empty(clock.instant())));
        }
        return "visit";
    }
}
