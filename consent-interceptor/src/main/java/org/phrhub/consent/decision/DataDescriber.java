package org.phrhub.consent.decision;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.vocabulary.DataClasses;
import org.phrhub.vocabulary.Hl7Terminology;

/** Reads from a FHIR resource the facts Consents decide on: its classes, labels and date. */
public final class DataDescriber {

    /** Elements that say when the data is from, most telling first. */
    private static final List<String> DATE_ELEMENTS = List.of(
            "effective", "occurrence", "authoredOn", "recordedDate", "onset", "performed", "issued", "date",
            "period", "whenHandedOver", "created");

    private static final Set<String> MEDICATION_TYPES = Set.of(
            "Medication", "MedicationRequest", "MedicationStatement", "MedicationDispense",
            "MedicationAdministration");

    private final FhirContext fhirContext;

    public DataDescriber(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public DataDescription describe(IBaseResource resource, String patient) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(resource);
        Set<Code> classes = new LinkedHashSet<>();
        for (String element : List.of("category", "code")) {
            for (IBase value : values(definition, resource, element)) {
                if (value instanceof CodeableConcept concept) {
                    concept.getCoding().forEach(c -> classes.add(code(c)));
                } else if (value instanceof Coding coding) {
                    classes.add(code(coding));
                }
            }
        }
        classes.addAll(impliedClasses(definition.getName(), classes));
        Set<Code> labels = new LinkedHashSet<>();
        for (IBaseCoding label : resource.getMeta().getSecurity()) {
            labels.add(new Code(label.getSystem(), label.getCode()));
        }
        Optional<String> reference = resource.getIdElement().hasIdPart()
                ? Optional.of(definition.getName() + "/" + resource.getIdElement().getIdPart())
                : Optional.empty();
        return new DataDescription(reference, definition.getName(), patient, classes, labels, date(definition, resource));
    }

    /** The hub's own data classes, which a resource carries by being what it is. */
    public static Set<Code> impliedClasses(String type, Set<Code> ownClasses) {
        Set<Code> implied = new LinkedHashSet<>();
        if (MEDICATION_TYPES.contains(type)) {
            implied.add(new Code(DataClasses.SYSTEM, DataClasses.MEDICATION));
        }
        if ("Condition".equals(type) && ownClasses.stream().anyMatch(c -> Hl7Terminology.PROBLEM_LIST_ITEM.equals(c.code()))) {
            implied.add(new Code(DataClasses.SYSTEM, DataClasses.PROBLEM_LIST));
        }
        return implied;
    }

    private static Optional<Instant> date(RuntimeResourceDefinition definition, IBaseResource resource) {
        for (String element : DATE_ELEMENTS) {
            for (IBase value : values(definition, resource, element)) {
                if (value instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
                    return Optional.of(dateTime.getValue().toInstant());
                }
                if (value instanceof Period period && period.getStart() != null) {
                    return Optional.of(period.getStart().toInstant());
                }
            }
        }
        return Optional.empty();
    }

    private static List<IBase> values(RuntimeResourceDefinition definition, IBaseResource resource, String element) {
        BaseRuntimeChildDefinition child = definition.getChildByName(element);
        if (child == null) {
            child = definition.getChildByName(element + "[x]");
        }
        return child == null ? List.of() : child.getAccessor().getValues(resource);
    }

    private static Code code(Coding coding) {
        return new Code(coding.getSystem(), coding.getCode() == null ? "" : coding.getCode());
    }
}
