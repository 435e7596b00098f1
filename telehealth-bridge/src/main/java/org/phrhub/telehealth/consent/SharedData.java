package org.phrhub.telehealth.consent;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.phrhub.vocabulary.DataClasses;
import org.phrhub.vocabulary.Hl7Terminology;

/**
 * The kinds of data a resident ticks when sharing, each as the {@code provision.class} and {@code provision.code}
 * the hub's consent engine decides by. They are the classes the hub's {@code $access-explain} names for the
 * doctor's chart sections, so what is ticked is what the chart shows.
 */
public enum SharedData {
    HOME_BLOOD_PRESSURE("Observation", Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS),
    LAB_RESULTS("Observation", Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.LABORATORY),
    /** Every medication resource (prescriptions and what the pharmacy dispensed), by the hub's own data class. */
    PRESCRIPTIONS(null, DataClasses.SYSTEM, DataClasses.MEDICATION),
    CONDITIONS("Condition", null, null),
    ALLERGIES("AllergyIntolerance", null, null);

    private final String resourceType;
    private final String codeSystem;
    private final String code;

    SharedData(String resourceType, String codeSystem, String code) {
        this.resourceType = resourceType;
        this.codeSystem = codeSystem;
        this.code = code;
    }

    /** e.g. {@code data.HOME_BLOOD_PRESSURE}, its name on the pages. */
    public String messageKey() {
        return "data." + name();
    }

    /** The form's value for this kind, e.g. {@code HOME_BLOOD_PRESSURE}. */
    public String key() {
        return name();
    }

    /** The kinds a form ticked, by their {@link #key()}s; anything else is ignored. */
    public static Set<SharedData> fromForm(List<String> keys) {
        Set<SharedData> kinds = EnumSet.noneOf(SharedData.class);
        if (keys != null) {
            for (SharedData kind : values()) {
                if (keys.contains(kind.key())) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }

    void describe(ProvisionComponent provision) {
        if (resourceType != null) {
            provision.addClass_(new Coding(Hl7Terminology.RESOURCE_TYPES, resourceType, null));
        }
        if (code != null) {
            provision.addCode(new CodeableConcept(new Coding(codeSystem, code, null)));
        }
    }

    /** The kind a provision names exactly as this bridge writes it; empty for any other provision. */
    static Optional<SharedData> of(ProvisionComponent provision) {
        List<String> classes = provision.getClass_().stream().map(Coding::getCode).toList();
        List<String> codes = provision.getCode().stream().flatMap(c -> c.getCoding().stream())
                .map(c -> c.getSystem() + "|" + c.getCode()).toList();
        for (SharedData data : values()) {
            boolean sameClass = data.resourceType == null ? classes.isEmpty() : classes.equals(List.of(data.resourceType));
            boolean sameCode = data.code == null ? codes.isEmpty() : codes.equals(List.of(data.codeSystem + "|" + data.code));
            if (sameClass && sameCode) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
