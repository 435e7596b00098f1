package org.phrhub.vocabulary;

/** FHIR R4's own code systems (terminology.hl7.org) that the hub's resources and consent rules use. */
public final class Hl7Terminology {

    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String LABORATORY = "laboratory";
    public static final String VITAL_SIGNS = "vital-signs";

    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String PROBLEM_LIST_ITEM = "problem-list-item";

    public static final String MEDICATION_REQUEST_CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
    /** Diagnostic service sections (HL7 v2 table 0074); {@code LAB} for laboratory reports. */
    public static final String DIAGNOSTIC_SERVICE_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /** Observation interpretation, the v3 codes HL7 v2 table 0078 (OBX-8) became. */
    public static final String OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    /** Why a value is missing, e.g. {@code not-asked}. */
    public static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /** v3 ParticipationType: how an actor takes part, e.g. a Consent's reader as information recipient. */
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String INFORMATION_RECIPIENT = "IRCP";

    /** v3 ActCode, here for the policy of a Consent: {@code OPTIN}, nothing is shared unless permitted. */
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String OPT_IN = "OPTIN";

    private Hl7Terminology() {}
}
