package org.phrhub.fhirserver.ingest.bundle;

import java.util.Optional;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.vocabulary.JpCore;

/**
 * What the identity review list keeps of a bundle's Patient the hub cannot attribute yet: the names (kana
 * and kanji as JP Core marks them; an unmarked name counts as the kanji name), birth date and gender that
 * help an administrator find the resident.
 */
record HeldPatient(String patientNumber, String kanaName, String kanjiName, String birthDate, String gender) {

    static HeldPatient of(String patientNumber, Patient patient) {
        Optional<HumanName> kana = named(patient, JpCore.SYLLABIC);
        Optional<HumanName> kanji = named(patient, JpCore.IDEOGRAPHIC)
                .or(() -> patient.getName().stream().filter(name -> representation(name) == null).findFirst());
        return new HeldPatient(patientNumber,
                kana.map(HeldPatient::text).orElse(null),
                kanji.map(HeldPatient::text).orElse(null),
                patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                patient.hasGender() ? patient.getGender().toCode() : null);
    }

    private static Optional<HumanName> named(Patient patient, String representation) {
        return patient.getName().stream().filter(name -> representation.equals(representation(name))).findFirst();
    }

    /** JP Core's text, else family and given name joined with one space, as JP Core writes it. */
    private static String text(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        String joined = (name.getFamily() == null ? "" : name.getFamily()) + " " + name.getGivenAsSingleString();
        return joined.isBlank() ? null : joined.strip();
    }

    private static String representation(HumanName name) {
        var extension = name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION);
        return extension == null ? null : extension.getValue().primitiveValue();
    }
}
