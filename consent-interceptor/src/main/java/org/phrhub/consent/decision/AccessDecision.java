package org.phrhub.consent.decision;

/** The outcome of one access question, always with a reason a person can read. */
public sealed interface AccessDecision {

    String reason();

    default boolean isPermit() {
        return this instanceof Permit;
    }

    record Permit(String reason) implements AccessDecision {}

    record Deny(String reason) implements AccessDecision {}

    static AccessDecision permit(String reason) {
        return new Permit(reason);
    }

    static AccessDecision deny(String reason) {
        return new Deny(reason);
    }
}
