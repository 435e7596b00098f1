package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The visit page: the patient's chart beside the video and the clinician's record of the visit. */
@Controller
class VisitController {

    private final RecordClients records;
    private final VisitPage page;

    VisitController(RecordClients records, VisitPage page) {
        this.records = records;
        this.page = page;
    }

    @GetMapping("/visits/{id}")
    String visit(@PathVariable String id, @RequestParam(name = "span", required = false) String span,
            Authentication authentication, Model model) {
        SignedInUser user = SignedInUser.of(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        return page.render(fhir, page.participantsVisit(fhir, id, user), user, span, null, model);
    }

    /** After the visit: what was written into the patient's record. */
    @GetMapping("/visits/{id}/record")
    String written(@PathVariable String id, Authentication authentication, Model model) {
        SignedInUser user = SignedInUser.of(authentication);
        IGenericClient fhir = records.asSignedInUser(user);
        model.addAttribute("user", user);
        model.addAttribute("visit", page.participantsVisit(fhir, id, user));
        return "visit-written";
    }
}
