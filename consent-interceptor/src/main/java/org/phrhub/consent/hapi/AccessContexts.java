package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import java.util.Set;
import org.phrhub.consent.ConsentSettings;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.V3ActReason;

/** Builds each request's {@link AccessContext} once, on first need, and keeps it with the request. */
public final class AccessContexts {

    /** The request header in which a reader states why they access the data (a v3-ActReason code). */
    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private static final String KEY = AccessContexts.class.getName();

    /** Purposes recorded for requesters whose access needs no stated purpose. */
    private static final String OPERATIONS = "HOPERAT";
    private static final String ADMINISTRATION = "HSYSADMIN";

    private final RequesterResolver requesters;
    private final PatientConsents consents;
    private final Affiliations affiliations;
    private final ConsentSettings settings;

    AccessContexts(RequesterResolver requesters, PatientConsents consents, Affiliations affiliations, ConsentSettings settings) {
        this.requesters = requesters;
        this.consents = consents;
        this.affiliations = affiliations;
        this.settings = settings;
    }

    /** The context of a verified request; empty when the request carries no verified identity. */
    public Optional<AccessContext> of(RequestDetails request) {
        if (request.getUserData().get(KEY) instanceof AccessContext context) {
            return Optional.of(context);
        }
        Optional<Requester> requester = requesters.resolve(request);
        if (requester.isEmpty()) {
            return Optional.empty();
        }
        AccessContext context = new AccessContext(
                new Reader(requester.get(), actorsOf(requester.get()), purposeOf(requester.get(), request)), consents);
        request.getUserData().put(KEY, context);
        return Optional.of(context);
    }

    /** The context built earlier in this request, if any; never fails, for use while a request ends. */
    public Optional<AccessContext> existing(RequestDetails request) {
        return request.getUserData().get(KEY) instanceof AccessContext context ? Optional.of(context) : Optional.empty();
    }

    private Set<String> actorsOf(Requester requester) {
        if (requester.hasRole(HubRole.CITY_BROKER)) {
            return Set.of(settings.cityBrokerOrganization());
        }
        Optional<FhirUser> self = requester.fhirUser();
        if (self.isEmpty()) {
            return Set.of();
        }
        if ("Practitioner".equals(self.get().resourceType())
                && AccessPolicy.isClinician(requester)) {
            return affiliations.of(self.get().reference());
        }
        return Set.of(self.get().reference());
    }

    private String purposeOf(Requester requester, RequestDetails request) {
        String stated = request.getHeader(PURPOSE_HEADER);
        if (stated != null && !V3ActReason.isWellFormed(stated.strip())) {
            throw new InvalidRequestException(PURPOSE_HEADER + " must be one v3-ActReason code such as "
                    + V3ActReason.TREAT + " or " + V3ActReason.ETREAT + "; got '" + stated + "'");
        }
        String purpose = stated == null ? null : stated.strip();
        if (requester.hasRole(HubRole.CITY_BROKER)) {
            if (purpose != null && !purpose.equals(settings.cityBrokerPurpose())) {
                throw Refusals.forbidden("The city broker reads only for " + settings.cityBrokerPurpose()
                        + "; it may not state " + purpose + ".");
            }
            return settings.cityBrokerPurpose();
        }
        if (purpose != null) {
            return purpose;
        }
        if (AccessPolicy.isClinician(requester)) {
            return V3ActReason.TREAT;
        }
        if (requester.ownPatientReference().isPresent()) {
            return V3ActReason.PATRQT;
        }
        return requester.hasRole(HubRole.AUDITOR) ? ADMINISTRATION : OPERATIONS;
    }
}
