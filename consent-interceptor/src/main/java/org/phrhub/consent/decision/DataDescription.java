package org.phrhub.consent.decision;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What Consents decide about a piece of patient data.
 *
 * @param reference    the resource's own reference, e.g. {@code Observation/bp-1}; empty for new data
 * @param type         the resource type
 * @param patient      the patient whose record it belongs to, e.g. {@code Patient/hanako}
 * @param classCodes   its category and code codings, plus the hub data class its type implies
 * @param securityLabels its {@code meta.security} codings
 * @param date         when the data is from (effective, authored, recorded...), if it says
 */
public record DataDescription(
        Optional<String> reference,
        String type,
        String patient,
        Set<Code> classCodes,
        Set<Code> securityLabels,
        Optional<Instant> date) {

    public DataDescription {
        classCodes = Set.copyOf(classCodes);
        securityLabels = Set.copyOf(securityLabels);
    }

    /** A coding reduced to what matching needs; an empty system matches any system. */
    public record Code(String system, String code) {
        public Code {
            system = system == null ? "" : system;
        }

        public boolean matches(Code other) {
            return code.equals(other.code)
                    && (system.isEmpty() || other.system.isEmpty() || system.equals(other.system));
        }

        public boolean in(Set<Code> codes) {
            return codes.stream().anyMatch(this::matches);
        }
    }
}
