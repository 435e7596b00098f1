package org.phrhub.telehealth.directory;

/**
 * Someone a resident shares with, as the hub's directory names them, in Japanese and English.
 *
 * @param reference    e.g. {@code Practitioner/dr-suzuki} or {@code Organization/city-platform}
 * @param kind         what they are, for how they are addressed ("医師", "Dr.")
 * @param name         full name, Japanese (kanji) where the directory has it
 * @param nameEn       full name in Latin letters
 * @param familyEn     family name in Latin letters, e.g. {@code Suzuki}
 * @param organization where they work (or the organization's own name), Japanese where the directory has it
 */
public record Party(String reference, Kind kind, String name, String nameEn, String familyEn, String organization,
        String organizationEn) {

    public enum Kind {
        DOCTOR,
        PHARMACIST,
        ORGANIZATION,
        /** Not in the directory: shown by its reference. */
        UNKNOWN
    }

    public static Party unknown(String reference) {
        return new Party(reference, Kind.UNKNOWN, reference, reference, reference, "", "");
    }

    /** e.g. {@code party.DOCTOR}, the message that addresses them. */
    public String messageKey() {
        return "party." + kind;
    }
}
