package org.phrhub.telehealth.guidance;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.video.VisitMedia;
import org.phrhub.telehealth.visit.Draft;
import org.phrhub.telehealth.visit.DraftStore;
import org.phrhub.telehealth.visit.Problem;
import org.phrhub.telehealth.visit.RecordWriteRefused;
import org.phrhub.telehealth.visit.VisitPage;
import org.phrhub.vocabulary.V3ActReason;
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

    private final RecordClients records;
    private final DraftStore drafts;
    private final VisitMedia media;
    private final MessageSource messages;
    private final Clock clock;
    private final VisitPage page;
    private final Appointments appointments;

    GuidanceController(RecordClients records, DraftStore drafts, VisitMedia media, MessageSource messages, Clock clock,
            VisitPage page, BridgeProperties properties) {
        this.records = records;
        this.drafts = drafts;
        this.media = media;
        this.messages = messages;
        this.clock = clock;
        this.page = page;
        this.appointments = new Appointments(properties.zone());
    }

    @PostMapping("/visits/{id}/guidance")
    String record(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.is(HubRole.PHARMACIST)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only pharmacists record medication guidance");
        }
        String appointmentId = "Appointment/" + id;
        Instant now = clock.instant();
        Draft draft = drafts.save(user.fhirUser(), appointmentId, Draft.fieldsOf(form), now);
        IGenericClient fhir = records.asSignedInUser(V3ActReason.TREAT);
        ScheduledVisit visit = page.participantsVisit(fhir, id, user);
        GuidanceNote note = GuidanceNote.of(draft);
        List<Problem> problems = new ArrayList<>();
        // The law counts guidance as online only with both: what the pharmacist's browser received tells.
        if (!media.seenBy(visit.appointmentId(), user.fhirUser()).videoAndAudio()) {
            problems.add(new Problem("guidance.problem.noVideo"));
        }
        problems.addAll(note.problems());
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            return page.render(fhir, visit, user, null, draft, model);
        }
        Appointment appointment = appointments.resource(fhir, visit.appointmentId());
        List<String> explained = note.explainedKeys().stream()
                .map(key -> messages.getMessage(key, null, Locale.JAPANESE)).toList();
        GuidanceRecord record = new GuidanceRecord(visit, appointment, note, explained, user.name(), draft.startedAt(), now);
        Bundle written;
        try {
            written = fhir.transaction().withBundle(record.transaction()).execute();
        } catch (BaseServerResponseException e) {
            model.addAttribute("refusal", RecordWriteRefused.reasonOf(e));
            return page.render(fhir, visit, user, null, draft, model);
        }
        drafts.delete(user.fhirUser(), appointmentId);
        redirect.addFlashAttribute("written", written.getEntry().stream()
                .map(entry -> entry.getResponse().getLocation()).filter(location -> location != null).toList());
        return "redirect:/visits/" + id + "/record";
    }
}
