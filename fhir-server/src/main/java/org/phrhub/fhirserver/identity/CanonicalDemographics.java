package org.phrhub.fhirserver.identity;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.vocabulary.JpCore;

/**
 * What a hospital's view of a patient (an SS-MIX2 ADT-00, a Patient entry of a bundle) adds to a resident's
 * canonical Patient: only what the city's record lacks (a kanji or kana name, birth date, gender). The
 * city's registration stays authoritative; the hospital's own view is kept in its source, not written over
 * the resident.
 */
public final class CanonicalDemographics {

    private CanonicalDemographics() {}

    public static Patient absorb(Patient resident, Patient hospital) {
        Patient merged = resident.copy();
        for (HumanName name : hospital.getName()) {
            if (!known(merged, name)) {
                merged.addName(name.copy());
            }
        }
        if (!merged.hasBirthDate() && hospital.hasBirthDate()) {
            merged.setBirthDateElement(hospital.getBirthDateElement().copy());
        }
        if (!merged.hasGender() && hospital.hasGender()) {
            merged.setGender(hospital.getGender());
        }
        merged.setId(resident.getIdElement().toUnqualifiedVersionless());
        merged.getMeta().setVersionId(null).setLastUpdated(null);
        return merged;
    }

    /**
     * A kanji or kana name is known when the resident has one of that representation; a name that says
     * neither only when the resident has exactly that name, so that importing it again adds nothing.
     */
    private static boolean known(Patient resident, HumanName name) {
        String representation = representation(name);
        return resident.getName().stream().anyMatch(existing -> representation == null
                ? representation(existing) == null && existing.equalsDeep(name)
                : representation.equals(representation(existing)));
    }

    private static String representation(HumanName name) {
        var extension = name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION);
        return extension == null ? null : extension.getValue().primitiveValue();
    }
}
