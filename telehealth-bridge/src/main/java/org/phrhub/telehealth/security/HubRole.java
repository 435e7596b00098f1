package org.phrhub.telehealth.security;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles of the people who use the bridge. */
public enum HubRole {
    PATIENT("patient"),
    PHYSICIAN("physician"),
    PHARMACIST("pharmacist");

    private final String realmRole;

    HubRole(String realmRole) {
        this.realmRole = realmRole;
    }

    /** The Spring Security authority granted for this role, e.g. {@code ROLE_PHYSICIAN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<HubRole> ofRealmRole(String role) {
        return Arrays.stream(values()).filter(r -> r.realmRole.equals(role)).findFirst();
    }
}
