package org.phrhub.vocabulary;

/** Profiles and extensions FHIR R4 itself defines (hl7.org/fhir/StructureDefinition). */
public final class FhirCore {

    /** The vital-signs profiles are this prefix followed by their name, e.g. {@code bp}, {@code bodyweight}. */
    public static final String VITAL_SIGNS_PROFILE_PREFIX = "http://hl7.org/fhir/StructureDefinition/";
    public static final String BLOOD_PRESSURE_PROFILE = VITAL_SIGNS_PROFILE_PREFIX + "bp";
    public static final String HEART_RATE_PROFILE = VITAL_SIGNS_PROFILE_PREFIX + "heartrate";

    /** The gateway that relayed a reading from the device that took it. */
    public static final String GATEWAY_DEVICE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-gatewayDevice";

    /** The states of a Slot ({@code free}, {@code busy}, ...), as {@code Slot.status} is bound to them. */
    public static final String SLOT_STATUS = "http://hl7.org/fhir/slotstatus";

    /**
     * The translation of a string element into another language: sub-extensions {@code lang} and
     * {@code content}, e.g. an Organization's Japanese name.
     */
    public static final String TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";

    private FhirCore() {}
}
