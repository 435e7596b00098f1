package org.phrhub.vocabulary;

/** SNOMED CT concepts the hub records with. */
public final class SnomedCt {

    public static final String SYSTEM = "http://snomed.info/sct";
    /** Medication regimen compliance education: a pharmacist's medication guidance (as the HL7 Pharmacist Care Plan IG codes it). */
    public static final String MEDICATION_EDUCATION = "410123007";

    private SnomedCt() {}
}
