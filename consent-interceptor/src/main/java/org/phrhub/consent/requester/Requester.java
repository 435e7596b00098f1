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
 * @param appScopes for a token issued to an app of the person's own (SMART App Launch), the scopes it was
 *                  granted, which limit it on top of the hub's rules; empty for the hub's own clients
 */
public record Requester(String subject, String clientId, Optional<FhirUser> fhirUser, Set<HubRole> roles,
        Optional<SmartScopes> appScopes) {

    public Requester {
        roles = Set.copyOf(roles);
    }

    /** A requester through one of the hub's own clients, limited by the hub's rules alone. */
    public Requester(String subject, String clientId, Optional<FhirUser> fhirUser, Set<HubRole> roles) {
        this(subject, clientId, fhirUser, roles, Optional.empty());
    }

    /** Whether the request comes from an app of the person's own, bound by its SMART scopes. */
    public boolean isApp() {
        return appScopes.isPresent();
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
        String who = fhirUser.map(FhirUser::reference).orElse("client " + clientId);
        return isApp() && fhirUser.isPresent() ? who + " through the app " + clientId : who;
    }
}
