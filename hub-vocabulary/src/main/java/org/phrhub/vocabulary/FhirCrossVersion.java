package org.phrhub.vocabulary;

/**
 * Extensions that carry elements of FHIR R5 in R4 resources (FHIR's cross-version extensions,
 * {@code http://hl7.org/fhir/5.0/StructureDefinition/extension-<path>}).
 */
public final class FhirCrossVersion {

    /**
     * R5 {@code Appointment.virtualService}: how to join an online appointment. A complex extension; the
     * hub writes its {@link #CHANNEL_TYPE} and {@link #SESSION_KEY} parts.
     */
    public static final String APPOINTMENT_VIRTUAL_SERVICE =
            "http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService";
    /** The kind of virtual service (a Coding), e.g. the hub's WebRTC video. */
    public static final String CHANNEL_TYPE = "channelType";
    /** The session's key (a string): the room both participants join. */
    public static final String SESSION_KEY = "sessionKey";

    private FhirCrossVersion() {}
}
