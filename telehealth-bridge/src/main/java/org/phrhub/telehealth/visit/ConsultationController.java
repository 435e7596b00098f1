package org.phrhub.telehealth.visit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phrhub.telehealth.chart.ChartService;
import org.phrhub.telehealth.chart.HomeAverage;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    ConsultationController(VisitRecordWriter writer, ChartService charts, BridgeProperties properties, MessageSource messages,
            Clock clock) {
        this.writer = writer;
        this.charts = charts;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/visits/{id}/finish")
    String finish(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return writer.write(HubRole.PHYSICIAN, id, form, authentication, model, redirect, (fhir, visit, doctor, draft, now) -> {
            ConsultationNote note = ConsultationNote.of(draft);
            boolean diagnosis = visit.kind().map(HubVisitCodes.ONLINE_DIAGNOSIS::equals).orElse(true);
            List<Problem> problems = note.problems(diagnosis, LocalDateTime.ofInstant(now, properties.zone()), draft);
            if (!problems.isEmpty()) {
                return new VisitRecordWriter.Outcome.MustFix(problems);
            }
            List<HomeAverage> averages = note.recordHomeAverages()
                    ? charts.sevenDayAverages(fhir, visit.patient(), LocalDate.now(clock.withZone(properties.zone())))
                    : List.of();
            return new VisitRecordWriter.Outcome.Write(new ConsultationRecord(visit, note, averages, doctor.name(),
                    confirmation(note), nextVisit(note), draft.startedAt(), now, properties.zone()).transaction());
        });
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
