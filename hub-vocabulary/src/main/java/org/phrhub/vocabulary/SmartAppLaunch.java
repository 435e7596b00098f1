package org.phrhub.vocabulary;

/**
 * SMART App Launch 2 (https://hl7.org/fhir/smart-app-launch/): the token claims and scope syntax the hub
 * reads.
 */
public final class SmartAppLaunch {

    /** Token claim with the granted scopes, space separated. */
    public static final String SCOPE_CLAIM = "scope";
    /** Token claim with the signed-in person's own FHIR resource, e.g. {@code Patient/hanako}. */
    public static final String FHIR_USER_CLAIM = "fhirUser";
    /** Token claim with the launch context's Patient id (no type), e.g. {@code hanako}. */
    public static final String PATIENT_CLAIM = "patient";

    /** Prefix of the scopes that grant data of the patient in context. */
    public static final String PATIENT_SCOPE_PREFIX = "patient/";

    private SmartAppLaunch() {}
}
