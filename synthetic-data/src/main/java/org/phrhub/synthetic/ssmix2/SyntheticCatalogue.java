package org.phrhub.synthetic.ssmix2;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The small fixed catalogue synthetic histories draw from: drugs (HOT9), laboratory tests (JLAC10), diseases
 * (MEDIS standard disease master with ICD-10) and allergens, with the codes and names the SS-MIX2 sample
 * storage and the JP Core examples use. Not a clinical reference: the combinations are only plausible.
 */
public final class SyntheticCatalogue {

    private SyntheticCatalogue() {}

    /**
     * An oral drug and how it is taken: {@code dose} units ({@code unitCode}, MERIT-9) per administration,
     * {@code timesPerDay} administrations by the JAMI usage code.
     *
     * @param form the MERIT-9 dosage form (RXE-6) when the unit does not say it, e.g. {@code PWD} 散剤
     */
    public record Drug(String hot9, String name, BigDecimal dose, String unitCode, String unitName,
            Optional<String> form, Optional<String> formName, Usage usage) {}

    /** A JAMI 16-digit usage code (table JAMISDP01). */
    public record Usage(String code, String text, int timesPerDay) {}

    /**
     * A laboratory test with its JLAC10 17-digit code.
     *
     * @param hl7Unit the unit as the hospital writes it in OBX-6 (its own table), empty for a ratio
     * @param ucum the same unit in UCUM ({@code 1} for a ratio)
     * @param scale the decimals the laboratory reports
     */
    public record LabTest(String jlac10, String name, Optional<String> hl7Unit, String ucum, BigDecimal low,
            BigDecimal high, double mean, double spread, int scale) {}

    /**
     * A disease of the MEDIS standard disease master.
     *
     * @param keyNumber the 8-digit key number (病名管理番号), when the catalogue knows it
     * @param exchangeCode the 4-character exchange code (病名交換用コード)
     * @param icd10 ICD-10 without the dot, as JAHIS writes it
     */
    public record Disease(Optional<String> keyNumber, String exchangeCode, String name, String icd10) {}

    /**
     * An allergen and the allergy it causes.
     *
     * @param type HL7 table 0127 (FA food, DA drug, EA environmental, LA pollen)
     * @param table {@code JC10} (JLAC10 allergen test code) or {@code HOT9} (a drug)
     * @param severity HL7 table 0128 (MI mild, MO moderate)
     */
    public record Allergen(String type, String typeName, String code, String name, String table, String severity,
            String severityName, String reaction) {}

    /** A doctor or nurse of the hospital: staff number and kanji name. */
    public record Staff(String number, String family, String given) {}

    static final Usage THREE_TIMES_AFTER_MEALS = new Usage("1013044400000000", "内服・経口・１日３回朝昼夕食後", 3);
    static final Usage TWICE_AFTER_MEALS = new Usage("1012040400000000", "内服・経口・１日２回朝夕食後", 2);

    public static final List<Drug> DRUGS = List.of(
            new Drug("108665201", "ダーゼン錠（５mg)", BigDecimal.ONE, "TAB", "錠", Optional.empty(), Optional.empty(),
                    THREE_TIMES_AFTER_MEALS),
            new Drug("110626901", "パンスポリンＴ錠（１００mg)", BigDecimal.valueOf(2), "TAB", "錠", Optional.empty(),
                    Optional.empty(), THREE_TIMES_AFTER_MEALS),
            new Drug("103835401", "ムコダイン錠２５０ｍｇ", BigDecimal.ONE, "TAB", "錠", Optional.empty(), Optional.empty(),
                    THREE_TIMES_AFTER_MEALS),
            new Drug("100607002", "アレピアチン１０倍散", BigDecimal.valueOf(50), "MG", "ミリグラム", Optional.of("PWD"),
                    Optional.of("散剤"), TWICE_AFTER_MEALS));

    static final LabTest TOTAL_PROTEIN = new LabTest("3A010000002327101", "総蛋白", Optional.of("g/dl"), "g/dL",
            new BigDecimal("6.7"), new BigDecimal("8.3"), 7.3, 0.45, 1);
    static final LabTest ALBUMIN = new LabTest("3A015000002327101", "アルブミン", Optional.of("g/dl"), "g/dL",
            new BigDecimal("3.7"), new BigDecimal("5.5"), 4.4, 0.35, 1);
    static final LabTest AG_RATIO = new LabTest("3A016000002327102", "A/G比", Optional.empty(), "1",
            new BigDecimal("1.2"), new BigDecimal("2.0"), 1.5, 0.2, 1);
    /** Tests added to the protein panel (total protein, albumin, A/G ratio) at some visits. */
    static final List<LabTest> OPTIONAL_TESTS = List.of(
            new LabTest("3B035000002327201", "GOT(AST)", Optional.of("U/L"), "U/L", BigDecimal.valueOf(10),
                    BigDecimal.valueOf(40), 25, 9, 0),
            new LabTest("3B050000002327201", "LDH", Optional.of("U/L"), "U/L", BigDecimal.valueOf(120),
                    BigDecimal.valueOf(245), 185, 35, 0),
            new LabTest("3J010000002327101", "総ビリルビン", Optional.of("mg/dl"), "mg/dL", new BigDecimal("0.2"),
                    new BigDecimal("1.2"), 0.7, 0.3, 1));

    public static final List<Disease> DISEASES = List.of(
            new Disease(Optional.of("20054174"), "TSQF", "胃炎", "K297"),
            new Disease(Optional.empty(), "TQ7A", "急性気管支炎", "J209"),
            new Disease(Optional.empty(), "BOEF", "持続腹痛", "R104"));

    public static final List<Allergen> ALLERGENS = List.of(
            new Allergen("LA", "花粉アレルギー", "5A1002216023023", "スギ", "JC10", "MI", "軽度", "目のかゆみ"),
            new Allergen("FA", "食物アレルギー", "5A1002411023006", "ソバ", "JC10", "MO", "中等度", "湿疹"),
            new Allergen("EA", "環境アレルギー", "5A1102700023023", "ハウスダスト", "JC10", "MI", "軽度", "くしゃみ"),
            new Allergen("DA", "薬剤アレルギー", "106824501", "アリナミン", "HOT9", "MO", "中等度", "のどの渇きが止まらない"));

    static final List<Staff> DOCTORS = List.of(
            new Staff("110", "医師", "一郎"), new Staff("111", "望月", "健"), new Staff("112", "杉山", "美和"));
    static final Staff NURSE = new Staff("200", "看護", "花子");
    static final Staff CLERK = new Staff("058", "入力者", "花子");
}
