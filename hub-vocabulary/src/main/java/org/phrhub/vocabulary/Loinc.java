package org.phrhub.vocabulary;

/**
 * LOINC codes of the FHIR R4 vital-signs profiles the hub's Observations follow, home and imported, and
 * the category of the Consents residents give.
 */
public final class Loinc {

    public static final String SYSTEM = "http://loinc.org";

    public static final String BODY_TEMPERATURE = "8310-5";
    public static final String BODY_HEIGHT = "8302-2";
    public static final String BODY_WEIGHT = "29463-7";
    public static final String HEART_RATE = "8867-4";
    public static final String RESPIRATORY_RATE = "9279-1";
    public static final String OXYGEN_SATURATION = "2708-6";
    public static final String BLOOD_PRESSURE_PANEL = "85354-9";
    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";
    public static final String MEAN = "8478-0";

    /** The category of a privacy Consent ({@code Consent.category}), as FHIR R4's examples use it. */
    public static final String PATIENT_CONSENT = "59284-0";

    private Loinc() {}
}
