package org.phrhub.consent.requester;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles the hub authorizes by; people and machine clients alike. */
public enum HubRole {
    PATIENT("patient"),
    PHYSICIAN("physician"),
    PHARMACIST("pharmacist"),
    /** Reads the audit trail of every patient; nothing else. */
    AUDITOR("auditor"),
    DEVICE_GATEWAY("device-gateway"),
    EHR_IMPORTER("ehr-importer"),
    CITY_BROKER("city-broker");

    private final String claimValue;

    HubRole(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name as Keycloak puts it into the token. */
    public String claimValue() {
        return claimValue;
    }

    public boolean isMachine() {
        return this == DEVICE_GATEWAY || this == EHR_IMPORTER || this == CITY_BROKER;
    }

    public static Optional<HubRole> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
