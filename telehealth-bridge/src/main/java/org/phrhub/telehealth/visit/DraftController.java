package org.phrhub.telehealth.visit;

import java.time.Clock;
import java.util.Map;
import org.phrhub.telehealth.security.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Autosave of the clinician's record while it is written (the page posts the form a moment after each change). */
@RestController
class DraftController {

    private final DraftStore drafts;
    private final Clock clock;

    DraftController(DraftStore drafts, Clock clock) {
        this.drafts = drafts;
        this.clock = clock;
    }

    @PostMapping("/visits/{id}/draft")
    Map<String, String> save(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication) {
        SignedInUser user = SignedInUser.of(authentication);
        if (!user.isClinician()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the visit's clinician writes its record");
        }
        Draft draft = drafts.save(user.fhirUser(), "Appointment/" + id, Draft.fieldsOf(form), clock.instant());
        return Map.of("savedAt", draft.savedAt().toString());
    }
}
