package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.HubRole;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.vocabulary.V3ActReason;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a clinician's record of a visit reaches the patient's record, the same for the doctor's and the
 * pharmacist's: the form is saved as the draft first, then either what must be fixed is shown, or the
 * record goes to the hub as one transaction. On a refusal nothing is stored and the draft stays; once the
 * hub holds the record the draft is removed.
 */
@Component
public class VisitRecordWriter {

    /** What the clinician's form gives: problems to fix, or the transaction to write. */
    public sealed interface Outcome {
        record MustFix(List<Problem> problems) implements Outcome {}

        record Write(Bundle transaction) implements Outcome {}
    }

    /** Turns the saved draft into an outcome; may read the hub as the clinician. */
    @FunctionalInterface
    public interface RecordOfVisit {
        Outcome of(IGenericClient fhir, ScheduledVisit visit, SignedInUser clinician, Draft draft, Instant now);
    }

    private final RecordClients records;
    private final DraftStore drafts;
    private final VisitPage page;
    private final Clock clock;

    VisitRecordWriter(RecordClients records, DraftStore drafts, VisitPage page, Clock clock) {
        this.records = records;
        this.drafts = drafts;
        this.page = page;
        this.clock = clock;
    }

    /**
     * @param writer who may write this kind of record, e.g. physicians the consultation's
     * @return the view: the visit page again (with problems or the hub's refusal) or the redirect to what was written
     */
    public String write(HubRole writer, String id, MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect, RecordOfVisit recordOf) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.is(writer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This record is written by the visit's "
                    + writer.name().toLowerCase(Locale.ROOT));
        }
        String appointmentId = "Appointment/" + id;
        Instant now = clock.instant();
        Draft draft = drafts.save(user.fhirUser(), appointmentId, Draft.fieldsOf(form), now);
        IGenericClient fhir = records.asSignedInUser(V3ActReason.TREAT);
        ScheduledVisit visit = page.participantsVisit(fhir, id, user);
        Bundle transaction = switch (recordOf.of(fhir, visit, user, draft, now)) {
            case Outcome.MustFix mustFix -> {
                model.addAttribute("problems", mustFix.problems());
                yield null;
            }
            case Outcome.Write write -> write.transaction();
        };
        if (transaction == null) {
            return page.render(fhir, visit, user, null, draft, model);
        }
        Bundle written;
        try {
            written = fhir.transaction().withBundle(transaction).execute();
        } catch (BaseServerResponseException e) {
            // Nothing was stored (the hub writes a transaction whole or not at all); the draft stays.
            model.addAttribute("refusal", RecordWriteRefused.reasonOf(e));
            return page.render(fhir, visit, user, null, draft, model);
        }
        drafts.delete(user.fhirUser(), appointmentId);
        redirect.addFlashAttribute("written", written.getEntry().stream()
                .map(entry -> entry.getResponse().getLocation()).filter(location -> location != null).toList());
        return "redirect:/visits/" + id + "/record";
    }
}
