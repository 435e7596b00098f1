package org.phrhub.vocabulary;

/** FHIR R4's own code systems (terminology.hl7.org) that the hub's resources and consent rules use. */
public final class Hl7Terminology {

    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String LABORATORY = "laboratory";
    public static final String VITAL_SIGNS = "vital-signs";

    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String PROBLEM_LIST_ITEM = "problem-list-item";
    /** A diagnosis made at a visit, e.g. an online consultation. */
    public static final String ENCOUNTER_DIAGNOSIS = "encounter-diagnosis";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    public static final String MEDICATION_REQUEST_CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
    /** Diagnostic service sections (HL7 v2 table 0074); {@code LAB} for laboratory reports. */
    public static final String DIAGNOSTIC_SERVICE_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /** Observation interpretation, the v3 codes HL7 v2 table 0078 (OBX-8) became. */
    public static final String OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    /** Why a value is missing, e.g. {@code not-asked}. */
    public static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /**
     * v3 ParticipationType: how an actor takes part, e.g. a Consent's reader as information recipient,
     * a visit's clinician as its primary performer.
     */
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String INFORMATION_RECIPIENT = "IRCP";
    public static final String PRIMARY_PERFORMER = "PPRF";

    /** The scope of a Consent; the hub decides by {@code patient-privacy} ones. */
    public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String PATIENT_PRIVACY = "patient-privacy";

    /** What a Consent provision lets its actors do: read ({@code access}, {@code use}) or write ({@code correct}). */
    public static final String CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";
    public static final String CONSENT_ACCESS = "access";
    public static final String CONSENT_USE = "use";
    public static final String CONSENT_CORRECT = "correct";

    /** PractitionerRole codes: a doctor, a pharmacist. */
    public static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";
    public static final String DOCTOR = "doctor";
    public static final String PHARMACIST = "pharmacist";

    /**
     * v3 ActCode: the policy of a Consent ({@code OPTIN}, nothing is shared unless permitted) and the class
     * of an Encounter ({@code VR}, virtual: an online visit).
     */
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String OPT_IN = "OPTIN";
    public static final String VIRTUAL = "VR";

    /** HL7 v2 table 0360, degrees and licences: {@code RPH} a registered pharmacist, for a Practitioner's qualification. */
    public static final String V2_DEGREE_LICENSE = "http://terminology.hl7.org/CodeSystem/v2-0360";
    public static final String REGISTERED_PHARMACIST = "RPH";

    /** FHIR's resource types as codes, e.g. an AuditEvent entity's type {@code Observation}. */
    public static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
    /** AuditEvent entity roles (object-role): {@code 4} domain resource, the data an access touched. */
    public static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    public static final String DOMAIN_RESOURCE = "4";

    private Hl7Terminology() {}
}
