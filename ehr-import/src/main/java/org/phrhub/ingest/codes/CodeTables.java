package org.phrhub.ingest.codes;

/**
 * The FHIR system of a code, from the code table an HL7 coded element names in its third component. Tables
 * without a standard system keep their codes under {@link HubImportCodes#ssmix2Table}.
 */
public final class CodeTables {

    /** HL7 v2 calls ICD-10 {@code I10}; JAHIS writes the MHLW edition under that name. */
    private static final String ICD10 = "I10";
    /** JAHIS names both MEDIS disease master code kinds {@code MDCDX2}; their form tells them apart. */
    private static final String MEDIS_DISEASE = "MDCDX2";

    private CodeTables() {}

    /** The system of a disease, allergen or drug code. */
    public static String system(String table, String code) {
        return switch (table) {
            case "HOT9" -> JpCore.HOT9;
            case ICD10 -> JpCore.ICD10_MHLW;
            case MEDIS_DISEASE -> isMedisKeyNumber(code) ? JpCore.MEDIS_DISEASE_KEY_NUMBER : JpCore.MEDIS_DISEASE_EXCHANGE_CODE;
            default -> HubImportCodes.ssmix2Table(table);
        };
    }

    /** The system of a disease modifier code (e.g. 急性, の疑い). */
    public static String modifierSystem(String table, String code) {
        if (MEDIS_DISEASE.equals(table)) {
            return isMedisKeyNumber(code) ? JpCore.MEDIS_MODIFIER_KEY_NUMBER : JpCore.MEDIS_MODIFIER_EXCHANGE_CODE;
        }
        return HubImportCodes.ssmix2Table(table);
    }

    /** Key numbers (管理番号) are 8 digits; exchange codes (交換用コード) are 4 letters or digits. */
    private static boolean isMedisKeyNumber(String code) {
        return code.matches("\\d{8}");
    }
}
