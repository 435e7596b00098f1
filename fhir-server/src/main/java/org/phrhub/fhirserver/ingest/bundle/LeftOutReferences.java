package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Takes out of a stored resource its references to entries the import leaves out, so that nothing the hub
 * stores points at what it does not hold. A reference is removed where the resource can do without it; it
 * becomes display text (the sender's display, else the type that was left out) where it cannot: in an
 * element the resource must have (the last of a required list, a required single reference), and anywhere
 * in a Composition, whose sections must go on saying what the document listed.
 */
final class LeftOutReferences {

    private LeftOutReferences() {}

    /**
     * @param leftOutType the type of the left-out entry a reference value names, empty for any other
     * @return how many references were taken out
     */
    static int takeOut(Resource resource, Function<String, Optional<String>> leftOutType) {
        return walk(resource, leftOutType, resource instanceof Composition);
    }

    private static int walk(Base element, Function<String, Optional<String>> leftOutType, boolean keepAsText) {
        int takenOut = 0;
        for (Property property : element.children()) {
            List<Base> values = new ArrayList<>(property.getValues());
            int remaining = values.size();
            for (Base value : values) {
                Optional<String> leftOut = value instanceof Reference reference && reference.hasReference()
                        ? leftOutType.apply(reference.getReference()) : Optional.empty();
                if (leftOut.isEmpty()) {
                    if (value != null) {
                        takenOut += walk(value, leftOutType, keepAsText);
                    }
                    continue;
                }
                Reference reference = (Reference) value;
                boolean required = property.getMinCardinality() > 0 && remaining == 1;
                if (keepAsText || required) {
                    // The parser links a reference to the bundle entry it names; that link must go too.
                    reference.setReference(null).setResource(null);
                    if (!reference.hasDisplay()) {
                        reference.setDisplay(leftOut.get() + " (not kept by the hub)");
                    }
                } else {
                    element.removeChild(property.getName(), reference);
                    remaining--;
                }
                takenOut++;
            }
        }
        return takenOut;
    }
}
