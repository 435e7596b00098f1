package org.phrhub.ingest.codes;

import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Ucum;

/**
 * The FHIR system of a code, from the code table an HL7 coded element names in its third (or sixth) component.
 * One rule for every mapper:
 * <ul>
 * <li>national and HL7 tables the hub knows a FHIR system for get that system (some by the code's form:
 * {@code MDCDX2} holds two kinds of MEDIS code, {@code JC10} JLAC10 and the shorter allergen codes);</li>
 * <li>a hospital's own table (JAHIS names them {@code 99...}) means something only at that hospital, so its
 * system carries the institution: {@link HubImportCodes#localCodeSystem};</li>
 * <li>any other table keeps its codes under {@link HubImportCodes#ssmix2Table}, to be re-coded once the
 * hub knows a system for it.</li>
 * </ul>
 */
public final class CodeTables {

    /** HL7 v2 calls ICD-10 {@code I10}; JAHIS writes the MHLW edition under that name. */
    private static final String ICD10 = "I10";
    /** JAHIS names both MEDIS disease master code kinds {@code MDCDX2}; their form tells them apart. */
    private static final String MEDIS_DISEASE = "MDCDX2";
    /** JAHIS names JLAC10 and the allergen codes of the same master {@code JC10}; only JLAC10 has 17 characters. */
    private static final String JC10 = "JC10";
    private static final int JLAC10_LENGTH = 17;
    /** JAHIS reserves table names beginning with {@code 99} for a hospital's own tables. */
    private static final String LOCAL_TABLE_PREFIX = "99";

    private CodeTables() {}

    /**
     * The system of {@code code} from {@code table} in a message of the institution with this 10-digit code
     * (a drug, disease, allergen, test, unit, usage or route code).
     */
    public static String system(String institutionCode, String table, String code) {
        return switch (table) {
            case "HOT9" -> JpCore.HOT9;
            case "YJ" -> JpCore.YJ;
            case "MR9P" -> JpCore.MERIT9_UNIT;
            case "JAMISDP01" -> JpCore.JAMI_USAGE;
            case "HL70162" -> JpCore.ROUTE_HL70162;
            case "HL70241" -> JpCore.HL70241_OUTCOME;
            case "JHSD0006" -> JpCore.JHSD0006_OUTCOME;
            case "UCUM" -> Ucum.SYSTEM;
            case "LN" -> Loinc.SYSTEM;
            case ICD10 -> JpCore.ICD10_MHLW;
            case MEDIS_DISEASE -> isMedisKeyNumber(code) ? JpCore.MEDIS_DISEASE_KEY_NUMBER : JpCore.MEDIS_DISEASE_EXCHANGE_CODE;
            // Allergen codes (15 characters) have no FHIR system the hub knows: kept under the table's name.
            case JC10 -> code.length() == JLAC10_LENGTH ? JpCore.JLAC10 : HubImportCodes.ssmix2Table(JC10);
            default -> withoutStandardSystem(institutionCode, table);
        };
    }

    /** The system of a disease modifier code (e.g. 急性, の疑い). */
    public static String modifierSystem(String institutionCode, String table, String code) {
        if (MEDIS_DISEASE.equals(table)) {
            return isMedisKeyNumber(code) ? JpCore.MEDIS_MODIFIER_KEY_NUMBER : JpCore.MEDIS_MODIFIER_EXCHANGE_CODE;
        }
        return withoutStandardSystem(institutionCode, table);
    }

    /** A hospital's own table under that hospital, any other under its name. */
    private static String withoutStandardSystem(String institutionCode, String table) {
        return table.startsWith(LOCAL_TABLE_PREFIX) ? HubImportCodes.localCodeSystem(institutionCode, table)
                : HubImportCodes.ssmix2Table(table);
    }

    /** Key numbers (管理番号) are 8 digits; exchange codes (交換用コード) are 4 letters or digits. */
    private static boolean isMedisKeyNumber(String code) {
        return code.matches("\\d{8}");
    }
}
