package org.phrhub.telehealth.directory;

import java.util.List;

/**
 * A clinician as the hub's directory describes them, so that a resident can confirm who they talk to and
 * who read their record.
 *
 * @param reference     e.g. {@code Practitioner/dr-suzuki}
 * @param name          kanji first, as JP Core writes it; the reference's display when the directory has no name
 * @param organisations the names of the organisations they work for (their PractitionerRoles)
 * @param roles         their PractitionerRole codes, e.g. {@code doctor}, {@code pharmacist}
 */
public record Clinician(String reference, String name, List<String> organisations, List<String> roles, List<Licence> licences) {

    /** A licence number the directory holds, e.g. a doctor's medical registration number (医籍登録番号). */
    public record Licence(Kind kind, String number) {
        public enum Kind { DOCTOR, PHARMACIST }
    }

    /** Someone the directory does not know: only the name the reference carried. */
    public static Clinician unlisted(String reference, String display) {
        return new Clinician(reference, display == null ? "" : display, List.of(), List.of(), List.of());
    }
}
