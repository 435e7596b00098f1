package org.phrhub.telehealth.consent;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.HubIdentifiers;
import org.springframework.stereotype.Component;

/**
 * The signed-in resident's Consents in the hub, read and written with their own token: the hub lets a patient
 * manage exactly their own, and enforces each change on the very next request of the reader it names.
 */
@Component
public class PatientConsents {

    private final Clock clock;

    public PatientConsents(Clock clock) {
        this.clock = clock;
    }

    /** Every Consent of the patient, active and past, newest first. */
    public List<Consent> of(IGenericClient fhir, String patient) {
        List<Consent> consents = new ArrayList<>();
        RecordPages.searchAll(fhir, fhir.search().forResource(Consent.class)
                .where(new ReferenceClientParam("patient").hasId(patient)).count(100), Consent.class, consents::add);
        consents.sort(Comparator.comparing((Consent c) -> c.hasDateTime() ? c.getDateTime() : new java.util.Date(0)).reversed());
        return consents;
    }

    /** One of the patient's Consents; empty when it does not exist or is someone else's (the hub answers alike). */
    public Optional<Consent> byId(IGenericClient fhir, String id) {
        try {
            return Optional.of(fhir.read().resource(Consent.class).withId(id).execute());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Stores a new Consent with these terms; answers its id. */
    public String grant(IGenericClient fhir, String patient, ConsentTerms terms) {
        Consent consent = terms.toConsent(patient, clock.instant());
        return fhir.create().resource(consent).execute().getId().getIdPart();
    }

    /** The patient's active Consent given for this visit (its Appointment's id), if they gave one. */
    public Optional<Consent> forVisit(IGenericClient fhir, String patient, String appointmentId) {
        Bundle found = fhir.search().byUrl(activeVisitConsent(patient, appointmentId)).returnBundle(Bundle.class).execute();
        return found.getEntry().stream().map(e -> (Consent) e.getResource()).findFirst();
    }

    /**
     * Shares for the visit on these terms: a new Consent the first time, the same one rewritten after. The create is
     * conditional on the visit having none, so two presses at once still leave one Consent, with the last terms.
     */
    public String shareForVisit(IGenericClient fhir, String patient, String appointmentId, ConsentTerms terms) {
        Optional<Consent> given = forVisit(fhir, patient, appointmentId);
        if (given.isPresent()) {
            return change(fhir, given.get(), terms);
        }
        Consent consent = terms.toConsent(patient, clock.instant());
        consent.addIdentifier().setSystem(HubIdentifiers.VISIT_CONSENT).setValue(appointmentId);
        MethodOutcome outcome = fhir.create().resource(consent).conditionalByUrl(activeVisitConsent(patient, appointmentId)).execute();
        if (Boolean.FALSE.equals(outcome.getCreated())) {
            return forVisit(fhir, patient, appointmentId).map(other -> change(fhir, other, terms))
                    .orElseGet(() -> outcome.getId().getIdPart());
        }
        return outcome.getId().getIdPart();
    }

    /** The one search both the look-up and the conditional create ask: the patient's active Consent for the visit. */
    private static String activeVisitConsent(String patient, String appointmentId) {
        return "Consent?patient=" + patient + "&identifier="
                + URLEncoder.encode(HubIdentifiers.VISIT_CONSENT + "|" + appointmentId, StandardCharsets.UTF_8)
                + "&status=" + Consent.ConsentState.ACTIVE.toCode();
    }

    private String change(IGenericClient fhir, Consent consent, ConsentTerms terms) {
        terms.writeProvisions(consent);
        consent.setDateTime(java.util.Date.from(clock.instant()));
        fhir.update().resource(consent).execute();
        return consent.getIdElement().getIdPart();
    }

    /** Rewrites the Consent's provisions to the narrower terms, as a new version of it. */
    public void narrow(IGenericClient fhir, Consent consent, ConsentTerms narrower) {
        narrower.writeProvisions(consent);
        fhir.update().resource(consent).execute();
    }

    /** The Consent stops counting: status inactive, kept for the record of what was shared. */
    public void revoke(IGenericClient fhir, Consent consent) {
        consent.setStatus(Consent.ConsentState.INACTIVE);
        fhir.update().resource(consent).execute();
    }

    /** Active and within its period now. */
    public boolean inForce(Consent consent) {
        Instant now = clock.instant();
        ConsentTerms terms = ConsentTerms.of(consent);
        return consent.getStatus() == Consent.ConsentState.ACTIVE
                && terms.start().map(s -> !now.isBefore(s)).orElse(true)
                && terms.end().map(e -> now.isBefore(e)).orElse(true);
    }
}
