package org.phrhub.telehealth.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.telehealth.video.VisitMedia;
import org.phrhub.telehealth.visit.Problem;
import org.phrhub.telehealth.visit.VisitRecordWriter;
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
 * The pharmacist's record of online medication guidance, written in one transaction. It counts as online
 * guidance only if the pharmacist saw and heard the patient: without the patient's video it is refused.
 */
@Controller
class GuidanceController {

    private final VisitRecordWriter writer;
    private final VisitMedia media;
    private final MessageSource messages;

    GuidanceController(VisitRecordWriter writer, VisitMedia media, MessageSource messages) {
        this.writer = writer;
        this.media = media;
        this.messages = messages;
    }

    @PostMapping("/visits/{id}/guidance")
    String record(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return writer.write(HubRole.PHARMACIST, id, form, authentication, model, redirect, (fhir, visit, pharmacist, draft, now) -> {
            GuidanceNote note = GuidanceNote.of(draft);
            List<Problem> problems = new ArrayList<>();
            // The law counts guidance as online only with both: what the pharmacist's browser received tells.
            if (!media.seenBy(visit.appointmentId(), pharmacist.fhirUser()).videoAndAudio()) {
                problems.add(new Problem("guidance.problem.noVideo"));
            }
            problems.addAll(note.problems());
            if (!problems.isEmpty()) {
                return new VisitRecordWriter.Outcome.MustFix(problems);
            }
            List<String> explained = note.explainedKeys().stream()
                    .map(key -> messages.getMessage(key, null, Locale.JAPANESE)).toList();
            return new VisitRecordWriter.Outcome.Write(
                    new GuidanceRecord(visit, note, explained, pharmacist.name(), draft.startedAt(), now).transaction());
        });
    }
}
