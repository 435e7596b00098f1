package org.phrhub.consent.explain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;

/** Where the explanation reads a patient's Consents and whom a practitioner acts for; the host's store. */
public interface ConsentSource {

    /** Active Consents of these patients, keyed by nothing: callers filter by patient. */
    List<Consent> activeConsentsOf(Collection<String> patients);

    /**
     * What a practitioner acts as: themselves, their active PractitionerRoles, those roles'
     * Organizations, and the CareTeams they or their roles are members of.
     */
    Set<String> actorReferencesOf(String practitioner);
}
