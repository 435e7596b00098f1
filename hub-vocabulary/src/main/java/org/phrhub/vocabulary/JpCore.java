package org.phrhub.vocabulary;

/**
 * Code systems, identifier systems and extensions of JP Core (the OID forms its v1.1 profiles use) and of
 * the Japanese master code tables SS-MIX2 files carry.
 */
public final class JpCore {

    /** Patient number at an institution: this prefix followed by the 10-digit institution code. */
    public static final String PATIENT_NUMBER_SYSTEM_PREFIX = "urn:oid:1.2.392.100495.20.3.51.1";
    /** Medical institution code (医療機関コード). */
    public static final String INSTITUTION_CODE = "urn:oid:1.2.392.100495.20.3.23";

    /** A doctor's medical registration number (医籍登録番号), as JP Core puts it in {@code Practitioner.qualification.identifier}. */
    public static final String MEDICAL_REGISTRATION_NUMBER = "urn:oid:1.2.392.100495.20.3.31";
    /** The kind of a practitioner's qualification (医療従事者資格種別); {@code MedicalDoctorLicense} is a doctor's licence. */
    public static final String PRACTITIONER_CERTIFICATE_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/practitioner-certificate-category";
    public static final String MEDICAL_DOCTOR_LICENSE = "MedicalDoctorLicense";

    /** MEDIS drug master, HOT9 (医薬品基準番号). */
    public static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";
    /** Individual drug code (YJ code); {@code 20.1.73}, as JP Core and the MHLW prescription tables name it. */
    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    /** MEDIS laboratory master, JLAC10 17 digits. */
    public static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";
    /** MEDIS disease master, exchange code (病名交換用コード). */
    public static final String MEDIS_DISEASE_EXCHANGE_CODE = "urn:oid:1.2.392.200119.4.101.6";
    /** MEDIS disease master, key number (病名管理番号). */
    public static final String MEDIS_DISEASE_KEY_NUMBER = "urn:oid:1.2.392.200119.4.101.2";
    /** MEDIS disease master, modifier exchange code (修飾語交換用コード). */
    public static final String MEDIS_MODIFIER_EXCHANGE_CODE = "urn:oid:1.2.392.200119.4.201.5";
    /** MEDIS disease master, modifier key number (修飾語管理番号). */
    public static final String MEDIS_MODIFIER_KEY_NUMBER = "urn:oid:1.2.392.200119.4.201.2";
    /** ICD-10 as the MHLW publishes it (2013 edition, all digits). */
    public static final String ICD10_MHLW = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full";
    /** JAMI medication usage codes, 16 digits ({@code .20} alone is the whole JAMI usage standard, not this table). */
    public static final String JAMI_USAGE = "urn:oid:1.2.392.200250.2.2.20.20";
    /** Drug unit abbreviations (MERIT-9). */
    public static final String MERIT9_UNIT = "urn:oid:1.2.392.100495.20.2.101";

    /** Route of administration, HL7 table 0162 as JP Core publishes it. */
    public static final String ROUTE_HL70162 = "http://jpfhir.jp/fhir/core/CodeSystem/route-codes";
    /** A prescription's RP (drug group) number, and a drug's place within its RP: MedicationRequest identifiers. */
    public static final String RP_NUMBER = "urn:oid:1.2.392.100495.20.3.81";
    public static final String ORDER_IN_RP = "urn:oid:1.2.392.100495.20.3.82";

    /** The day a patient starts taking a drug (a Period on Dosage), beside the days of supply in Timing. */
    public static final String DOSAGE_PERIOD_OF_USE_EXTENSION = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_MedicationDosage_PeriodOfUse";

    /** Representation of a name: {@code IDE} ideographic (kanji), {@code SYL} syllabic (kana). */
    public static final String NAME_REPRESENTATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    public static final String IDEOGRAPHIC = "IDE";
    public static final String SYLLABIC = "SYL";

    /** A disease's outcome (転帰), HL7 table 0241 or JAHIS table JHSD0006, on Condition. */
    public static final String DISEASE_OUTCOME_EXTENSION = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Condition_DiseaseOutcome";
    public static final String HL70241_OUTCOME = "http://jpfhir.jp/fhir/core/CodeSystem/HL70241";
    public static final String JHSD0006_OUTCOME = "http://jpfhir.jp/fhir/core/CodeSystem/JHSD0006";
    /** Modifiers written before (e.g. 右) and after (e.g. の疑い) a disease name, on Condition.code. */
    public static final String DISEASE_PREFIX_MODIFIER_EXTENSION = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Condition_DiseasePrefixModifier";
    public static final String DISEASE_POSTFIX_MODIFIER_EXTENSION = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Condition_DiseasePostfixModifier";

    public static final String PATIENT_PROFILE = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
    public static final String ALLERGY_INTOLERANCE_PROFILE = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_AllergyIntolerance";
    public static final String CONDITION_PROFILE = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Condition";

    private JpCore() {}

    /** The identifier system of patient numbers at the institution with this 10-digit code. */
    public static String patientNumberSystem(String institutionCode) {
        return PATIENT_NUMBER_SYSTEM_PREFIX + institutionCode;
    }
}
