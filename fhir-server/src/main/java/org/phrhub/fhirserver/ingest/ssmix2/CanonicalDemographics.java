package org.phrhub.fhirserver.ingest.ssmix2;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.ingest.codes.JpCore;

/**
 * What a hospital's ADT-00 adds to a resident's canonical Patient: only what the city's record lacks (a
 * kanji or kana name, birth date, gender). The city's registration stays authoritative; the hospital's
 * own view is kept in its storage, not written over the resident.
 */
final class CanonicalDemographics {

    private CanonicalDemographics() {}

    static Patient absorb(Patient resident, Patient hospital) {
        Patient merged = resident.copy();
        for (HumanName name : hospital.getName()) {
            String representation = representation(name);
            boolean known = merged.getName().stream().anyMatch(existing -> representation != null
                    && representation.equals(representation(existing)));
            if (!known) {
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

    private static String representation(HumanName name) {
        var extension = name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION);
        return extension == null ? null : extension.getValue().primitiveValue();
    }
}
