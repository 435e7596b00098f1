package org.phrhub.vocabulary;

/** HL7 v3 ActReason: the purposes of use a request may state. */
public final class V3ActReason {

    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** Treatment: what physicians and pharmacists do unless they say otherwise. */
    public static final String TREAT = "TREAT";
    /** Emergency treatment: break-the-glass. */
    public static final String ETREAT = "ETREAT";
    /** Public health: the city platform's default purpose. */
    public static final String PUBHLTH = "PUBHLTH";
    /** Patient requested: a patient reading or writing their own record. */
    public static final String PATRQT = "PATRQT";

    private V3ActReason() {}

    /** v3 codes are upper-case letters only, e.g. {@code TREAT}, {@code HRESCH}. */
    public static boolean isWellFormed(String code) {
        return code != null && code.matches("[A-Z]{2,20}");
    }
}
