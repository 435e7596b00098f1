package org.phrhub.vocabulary;

/** The hub's own codes for online care, where no standard code exists. */
public final class Telehealth {

    /**
     * Sections of the hub's consult note that record what the MHLW online-care guideline asks: both
     * identities confirmed, and the patient's agreement to online care.
     */
    public static final String NOTE_SECTIONS = "https://phr-hub.example/fhir/CodeSystem/online-care-note";
    public static final String ONLINE_CARE_CONFIRMATION = "online-care-confirmation";
    public static final String NEXT_VISIT = "next-visit";
    /** Which occasion a home blood-pressure average is of: {@code morning} or {@code evening} (JSH judges them apart). */
    public static final String HOME_BP_OCCASION_EXTENSION = "https://phr-hub.example/fhir/StructureDefinition/home-bp-occasion";

    private Telehealth() {}
}
