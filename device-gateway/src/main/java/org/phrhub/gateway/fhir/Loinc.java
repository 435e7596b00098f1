package org.phrhub.gateway.fhir;

/** LOINC codes of the FHIR vital-signs profiles the gateway's Observations follow. */
public final class Loinc {

    public static final String SYSTEM = "http://loinc.org";

    public static final String BLOOD_PRESSURE_PANEL = "85354-9";
    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";
    public static final String MEAN = "8478-0";
    public static final String HEART_RATE = "8867-4";

    private Loinc() {}
}
