package org.phrhub.consent.decision;

import java.util.List;

/**
 * The outcome of one access question, always with a reason a person can read and, when Consents
 * decided it, the Consent provisions that did ({@code Consent/c1#provision.provision[0]}).
 */
public sealed interface AccessDecision {

    String reason();

    List<String> basis();

    default boolean isPermit() {
        return this instanceof Permit;
    }

    /** @param emergency granted by break-the-glass rather than by a Consent */
    record Permit(String reason, List<String> basis, boolean emergency) implements AccessDecision {
        public Permit {
            basis = List.copyOf(basis);
        }
    }

    /** @param refusesEmergencyAccess the patient's deny names emergency treatment, so break-the-glass does not override it */
    record Deny(String reason, List<String> basis, boolean refusesEmergencyAccess) implements AccessDecision {
        public Deny {
            basis = List.copyOf(basis);
        }

        public Deny(String reason, List<String> basis) {
            this(reason, basis, false);
        }
    }

    public static AccessDecision permit(String reason) {
        return new Permit(reason, List.of(), false);
    }

    static AccessDecision deny(String reason) {
        return new Deny(reason, List.of());
    }
}
