package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Appointment;
import org.phrhub.telehealth.chart.ChartService;
import org.phrhub.telehealth.chart.ChartSpan;
import org.phrhub.telehealth.chart.HomeAverage;
import org.phrhub.telehealth.chart.HomeBloodPressure;
import org.phrhub.telehealth.chart.PatientChart;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The doctor's record of an online consultation: saved as a draft while it is written, and written into
 * the patient's record in one transaction when the doctor ends the visit.
 */
@Controller
class ConsultationController {

    private final VisitRecordWriter writer;
    private final ChartService charts;
    private final BridgeProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final Appointments appointments;

    ConsultationController(VisitRecordWriter writer, ChartService charts, BridgeProperties properties, MessageSource messages,
            Clock clock) {
        this.writer = writer;
        this.charts = charts;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
        this.appointments = new Appointments(properties.zone());
    }

    @PostMapping("/visits/{id}/finish")
    String finish(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.is(HubRole.PHYSICIAN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only physicians record online consultations");
        }
        return writer.write(id, form, user, model, redirect, (fhir, visit, draft, now) -> {
            ConsultationNote note = ConsultationNote.of(draft);
            boolean diagnosis = visit.kind().map(HubVisitCodes.ONLINE_DIAGNOSIS::equals).orElse(true);
            List<Problem> problems = note.problems(diagnosis, LocalDateTime.ofInstant(now, properties.zone()), draft);
            if (!problems.isEmpty()) {
                return new VisitRecordWriter.Outcome.MustFix(problems);
            }
            Appointment appointment = appointments.resource(fhir, visit.appointmentId());
            List<HomeAverage> averages = note.recordHomeAverages() ? homeAverages(fhir, visit) : List.of();
            return new VisitRecordWriter.Outcome.Write(new ConsultationRecord(visit, appointment, note, averages, user.name(),
                    confirmation(note), nextVisit(note), draft.startedAt(), now, properties.zone()).transaction());
        });
    }

    private List<HomeAverage> homeAverages(IGenericClient fhir, ScheduledVisit visit) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        PatientChart chart = charts.chartOf(fhir, visit.patient(), visit.patientName(), ChartSpan.TWO_WEEKS, today);
        if (!chart.homeBloodPressure().isShared()) {
            return List.of();
        }
        HomeBloodPressure bp = chart.homeBloodPressure().content();
        List<HomeAverage> averages = new ArrayList<>();
        for (HomeAverage average : List.of(bp.morning(), bp.evening())) {
            if (average.enough()) {
                averages.add(average);
            }
        }
        return averages;
    }

    /** In Japanese whatever the page's language: the record is kept in Japanese. */
    private String confirmation(ConsultationNote note) {
        List<String> lines = new ArrayList<>();
        if (!note.patientIdentity().isEmpty()) {
            lines.add(messages.getMessage("consult.record.patientIdentity",
                    new Object[] {messages.getMessage("identity." + note.patientIdentity(), null, Locale.JAPANESE)}, Locale.JAPANESE));
        }
        if (note.clinicianIdentityShown()) {
            lines.add(messages.getMessage("consult.record.clinicianIdentity", null, Locale.JAPANESE));
        }
        if (note.onlineCareAgreed()) {
            lines.add(messages.getMessage("consult.record.agreement", null, Locale.JAPANESE));
        }
        return String.join("\n", lines);
    }

    private static String nextVisit(ConsultationNote note) {
        return note.nextVisit().map(next -> next.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).orElse("");
    }
}
