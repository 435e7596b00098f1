package org.phrhub.consent.requester;

import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, as established from a verified token.
 *
 * @param subject   the token's subject (a Keycloak user or service-account id)
 * @param clientId  the OAuth client the token was issued to
 * @param fhirUser  the person's own FHIR resource, e.g. {@code Patient/hanako}; empty for machine clients
 * @param roles     the hub roles the token carries
 */
public record Requester(String subject, String clientId, Optional<FhirUser> fhirUser, Set<HubRole> roles) {

    public Requester {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(HubRole role) {
        return roles.contains(role);
    }

    /** The Patient this requester is, when they sign in as a patient with a Patient fhirUser. */
    public Optional<String> ownPatientReference() {
        if (!hasRole(HubRole.PATIENT)) {
            return Optional.empty();
        }
        return fhirUser.filter(FhirUser::isPatient).map(FhirUser::reference);
    }

    /** Someone signed in as a person, as opposed to a machine client. */
    public boolean isPerson() {
        return roles.stream().anyMatch(r -> !r.isMachine());
    }

    /** How audit records and error messages name this requester. */
    public String describe() {
        return fhirUser.map(FhirUser::reference).orElse("client " + clientId);
    }
}
