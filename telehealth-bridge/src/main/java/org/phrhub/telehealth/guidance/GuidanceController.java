package org.phrhub.telehealth.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Appointment;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.video.VisitMedia;
import org.phrhub.telehealth.visit.Problem;
import org.phrhub.telehealth.visit.VisitRecordWriter;
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
 * The pharmacist's record of online medication guidance, written in one transaction. It counts as online
 * guidance only if the pharmacist saw and heard the patient: without the patient's video it is refused.
 */
@Controller
class GuidanceController {

    private final VisitRecordWriter writer;
    private final VisitMedia media;
    private final MessageSource messages;
    private final Appointments appointments;

    GuidanceController(VisitRecordWriter writer, VisitMedia media, MessageSource messages, BridgeProperties properties) {
        this.writer = writer;
        this.media = media;
        this.messages = messages;
        this.appointments = new Appointments(properties.zone());
    }

    @PostMapping("/visits/{id}/guidance")
    String record(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.is(HubRole.PHARMACIST)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only pharmacists record medication guidance");
        }
        return writer.write(id, form, user, model, redirect, (fhir, visit, draft, now) -> {
            GuidanceNote note = GuidanceNote.of(draft);
            List<Problem> problems = new ArrayList<>();
            // The law counts guidance as online only with both: what the pharmacist's browser received tells.
            if (!media.seenBy(visit.appointmentId(), user.fhirUser()).videoAndAudio()) {
                problems.add(new Problem("guidance.problem.noVideo"));
            }
            problems.addAll(note.problems());
            if (!problems.isEmpty()) {
                return new VisitRecordWriter.Outcome.MustFix(problems);
            }
            Appointment appointment = appointments.resource(fhir, visit.appointmentId());
            List<String> explained = note.explainedKeys().stream()
                    .map(key -> messages.getMessage(key, null, Locale.JAPANESE)).toList();
            return new VisitRecordWriter.Outcome.Write(
                    new GuidanceRecord(visit, appointment, note, explained, user.name(), draft.startedAt(), now).transaction());
        });
    }
}
