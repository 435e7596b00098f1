package org.phrhub.consent.decision;

import java.util.Set;
import org.phrhub.consent.requester.Requester;

/**
 * A requester as Consents see them: everything a {@code provision.actor} may name them by, and the
 * purpose they stated.
 *
 * @param requester the verified requester
 * @param actorReferences the requester's own resource and those they act for: their PractitionerRoles,
 *                        the Organizations of those roles, their CareTeams
 * @param purpose the v3-ActReason code of this request, e.g. {@code TREAT}
 */
public record Reader(Requester requester, Set<String> actorReferences, String purpose) {

    public Reader {
        actorReferences = Set.copyOf(actorReferences);
    }
}
