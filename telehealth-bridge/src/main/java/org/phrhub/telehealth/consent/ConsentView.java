package org.phrhub.telehealth.consent;

import java.util.Optional;
import java.util.Set;

/**
 * One Consent as My consents shows it.
 *
 * @param id         e.g. {@code 123}, for the page's forms
 * @param state      whether it counts now
 * @param sentence   who may read what, for what, until when, in plain words
 * @param writes     the visit-results clause, when there is one
 * @param given      the day it was given, e.g. "12月1日"
 * @param until      its last day as an ISO date for the narrowing form; empty when it has no end
 * @param narrowable whether the page may rewrite it (it is in the hub's own shape and counts now)
 */
public record ConsentView(String id, State state, String sentence, Optional<String> writes, String given,
        Optional<String> until, Set<SharedData> shared, boolean narrowable) {

    public enum State {
        ACTIVE,
        EXPIRED,
        REVOKED;

        public String messageKey() {
            return "consents.state." + name();
        }
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public boolean shares(SharedData data) {
        return shared.contains(data);
    }
}
