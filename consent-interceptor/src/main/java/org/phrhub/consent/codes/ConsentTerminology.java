package org.phrhub.consent.codes;

import org.phrhub.vocabulary.Hl7Terminology;

/** The FHIR R4 code systems a Consent is written in, as the consent engine names them (their home is hub-vocabulary). */
public final class ConsentTerminology {

    public static final String SCOPE_SYSTEM = Hl7Terminology.CONSENT_SCOPE;
    public static final String PATIENT_PRIVACY = Hl7Terminology.PATIENT_PRIVACY;

    public static final String ACTION_SYSTEM = Hl7Terminology.CONSENT_ACTION;
    public static final String ACTION_ACCESS = Hl7Terminology.CONSENT_ACCESS;
    public static final String ACTION_USE = Hl7Terminology.CONSENT_USE;
    public static final String ACTION_CORRECT = Hl7Terminology.CONSENT_CORRECT;

    /** {@code provision.class} names resource types in this system. */
    public static final String RESOURCE_TYPES_SYSTEM = Hl7Terminology.RESOURCE_TYPES;

    private ConsentTerminology() {}
}
