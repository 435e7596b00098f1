package org.phrhub.gateway.fhir;

/** UCUM units of the gateway's quantities. */
public final class Ucum {

    public static final String SYSTEM = "http://unitsofmeasure.org";

    public static final String MM_HG = "mm[Hg]";
    public static final String KPA = "kPa";
    public static final String PER_MINUTE = "/min";

    private Ucum() {}
}
