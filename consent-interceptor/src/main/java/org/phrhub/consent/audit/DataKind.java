package org.phrhub.consent.audit;

import java.util.Comparator;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.phrhub.vocabulary.Hl7Terminology;

/**
 * What kind of data an access touched, as the patient's access log names it: the resource type and, for
 * Observations and Conditions, their category (home vital signs and laboratory results are both
 * Observations). Never which resource: the log says what kind of data was read, not a copy of it.
 *
 * @param category e.g. {@code vital-signs}; empty when the type has none or the resource names none
 */
public record DataKind(String resourceType, Optional<String> category) {

    static final Comparator<DataKind> ORDER = Comparator.comparing(DataKind::resourceType)
            .thenComparing(kind -> kind.category().orElse(""));

    public static DataKind of(IBaseResource resource) {
        Optional<String> category = switch (resource) {
            case Observation observation -> categoryIn(observation.getCategory(), Hl7Terminology.OBSERVATION_CATEGORY);
            case Condition condition -> categoryIn(condition.getCategory(), Hl7Terminology.CONDITION_CATEGORY);
            default -> Optional.empty();
        };
        return new DataKind(resource.fhirType(), category);
    }

    private static Optional<String> categoryIn(java.util.List<CodeableConcept> categories, String system) {
        return categories.stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> system.equals(c.getSystem()) && c.hasCode())
                .map(c -> c.getCode()).findFirst();
    }
}
