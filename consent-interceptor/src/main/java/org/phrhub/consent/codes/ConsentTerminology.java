package org.phrhub.consent.codes;

/** The FHIR R4 code systems a Consent is written in. */
public final class ConsentTerminology {

    public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String PATIENT_PRIVACY = "patient-privacy";

    public static final String ACTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentaction";
    public static final String ACTION_ACCESS = "access";
    public static final String ACTION_USE = "use";
    public static final String ACTION_CORRECT = "correct";

    /** {@code provision.class} names resource types in this system. */
    public static final String RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types";

    private ConsentTerminology() {}
}
