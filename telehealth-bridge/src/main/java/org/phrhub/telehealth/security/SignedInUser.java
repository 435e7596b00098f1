package org.phrhub.telehealth.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, as the pages need it.
 *
 * @param username  the Keycloak user name, e.g. {@code dr.suzuki}
 * @param fhirUser  their own record, e.g. {@code Practitioner/dr-suzuki} or {@code Patient/hanako}
 * @param name      family name first, as Japanese names are written
 */
public record SignedInUser(String username, String fhirUser, String name, Set<HubRole> roles) {

    static final String FHIR_USER_CLAIM = "fhirUser";

    public static SignedInUser of(Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcUser user)) {
            throw new IllegalStateException("Not signed in through Keycloak: " + authentication.getClass().getName());
        }
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        for (HubRole role : HubRole.values()) {
            if (authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()))) {
                roles.add(role);
            }
        }
        String family = user.getFamilyName() == null ? "" : user.getFamilyName();
        String given = user.getGivenName() == null ? "" : user.getGivenName();
        return new SignedInUser(user.getPreferredUsername(), user.getClaimAsString(FHIR_USER_CLAIM),
                (family + " " + given).strip(), roles);
    }

    public boolean is(HubRole role) {
        return roles.contains(role);
    }

    public boolean isPhysician() {
        return is(HubRole.PHYSICIAN);
    }

    public boolean isPharmacist() {
        return is(HubRole.PHARMACIST);
    }

    public boolean isClinician() {
        return is(HubRole.PHYSICIAN) || is(HubRole.PHARMACIST);
    }

    public boolean isPatient() {
        return fhirUser != null && fhirUser.startsWith("Patient/");
    }
}
