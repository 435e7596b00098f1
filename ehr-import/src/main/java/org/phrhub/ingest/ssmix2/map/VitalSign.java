package org.phrhub.ingest.ssmix2.map;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.phrhub.ingest.codes.CodeTables;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;

/**
 * The vital signs of the FHIR R4 vital-signs profiles: LOINC code, UCUM unit, and how a hospital's OBX-3 may
 * name them: a LOINC code (primary or alternate identifier, table {@code LN}) or one of the JLAC10 codes that
 * specific health check-ups and the extended-storage vital-sign rule use. Systolic and diastolic pressure
 * become components of one panel.
 *
 * @param units the unit codes hospitals write for the UCUM unit, all meaning exactly it (no conversion)
 */
enum VitalSign {
    BODY_TEMPERATURE(Loinc.BODY_TEMPERATURE, "Body temperature", "bodytemp", "Cel", Set.of("Cel", "cel", "℃", "°C", "degC"),
            Jlac10.BODY_TEMPERATURE),
    BODY_HEIGHT(Loinc.BODY_HEIGHT, "Body height", "bodyheight", "cm", Set.of("cm"), Set.of("9N001000000000001")),
    BODY_WEIGHT(Loinc.BODY_WEIGHT, "Body weight", "bodyweight", "kg", Set.of("kg"), Set.of("9N006000000000001")),
    // The published vital-sign unit table writes the pulse rate in ISO+ as (hb), beats, counted per minute.
    HEART_RATE(Loinc.HEART_RATE, "Heart rate", "heartrate", "/min", Set.of("/min", "bpm", "回/分", "(hb)"), Jlac10.PULSE),
    RESPIRATORY_RATE(Loinc.RESPIRATORY_RATE, "Respiratory rate", "resprate", "/min", Set.of("/min", "回/分"),
            Jlac10.RESPIRATORY_RATE),
    OXYGEN_SATURATION(Loinc.OXYGEN_SATURATION, "Oxygen saturation in Arterial blood", "oxygensat", "%", Set.of("%"), Set.of()),
    SYSTOLIC(Loinc.SYSTOLIC, "Systolic blood pressure", "bp", "mm[Hg]", Set.of("mm[Hg]", "mmHg", "mm(hg)"), Set.of("9A751000000000001")),
    DIASTOLIC(Loinc.DIASTOLIC, "Diastolic blood pressure", "bp", "mm[Hg]", Set.of("mm[Hg]", "mmHg", "mm(hg)"), Set.of("9A761000000000001"));

    /**
     * The JLAC10 codes of the vital signs that extended storage carries (nurses' bedside readings), by site of
     * measurement; every site is the same vital sign. Blood pressure stays with the first reading's codes: a
     * second reading or an average is another measurement, kept under the hospital's code, not paired.
     */
    private static final class Jlac10 {
        /**
         * Axillary, oral, rectal and three probe temperatures. The published vital-sign table prints these
         * codes with 16 characters, one 0 short of JLAC10's 17; storages written to that table carry them so,
         * and both spellings are read.
         */
        static final Set<String> BODY_TEMPERATURE = Set.of(
                "9P10000000000001", "9P11000000000001", "9P12000000000001", "9P15000000000001", "9P16000000000001",
                "9P17000000000001", "9P100000000000001", "9P110000000000001", "9P120000000000001",
                "9P150000000000001", "9P160000000000001", "9P170000000000001");
        /** Observed or auscultated, by sensor, as the ventilator shows it. */
        static final Set<String> RESPIRATORY_RATE = Set.of("9P200000000000001", "9P210000000000001", "9P220000000000001");
        /** Site unknown, left and right arm, leg, knee and foot; the vital-signs profile codes a pulse rate as heart rate. */
        static final Set<String> PULSE = Set.of("9P300000000000001", "9P310000000000001", "9P320000000000001",
                "9P330000000000001", "9P340000000000001", "9P350000000000001", "9P360000000000001",
                "9P370000000000001", "9P380000000000001");
    }

    private static final String JLAC10_TABLE = "JC10";

    final String loinc;
    final String display;
    final String profile;
    final String ucum;
    private final Set<String> units;
    private final Set<String> jlac10;

    VitalSign(String loinc, String display, String profile, String ucum, Set<String> units, Set<String> jlac10) {
        this.loinc = loinc;
        this.display = display;
        this.profile = FhirCore.VITAL_SIGNS_PROFILE_PREFIX + profile;
        this.ucum = ucum;
        this.units = units;
        this.jlac10 = jlac10;
    }

    boolean isBloodPressure() {
        return this == SYSTOLIC || this == DIASTOLIC;
    }

    boolean accepts(String unit) {
        return units.contains(unit);
    }

    /** OBX-6 names its unit by code, by text, or both: either one written as this sign's unit will do. */
    boolean accepts(String unit, String unitText) {
        return accepts(unit) || accepts(unitText);
    }

    /** JLAC10 proper, or table JC10 with a code of another length (as the published temperature codes are). */
    private static boolean isJlac10Table(String system, SourceCode code) {
        return system.equals(JpCore.JLAC10) || code.table().filter(JLAC10_TABLE::equals).isPresent();
    }

    /** The vital sign a coded OBX-3 names, by either of its identifiers. */
    static Optional<VitalSign> of(String institution, Optional<SourceCode> primary, Optional<SourceCode> alternate) {
        return primary.flatMap(code -> of(institution, code)).or(() -> alternate.flatMap(code -> of(institution, code)));
    }

    private static Optional<VitalSign> of(String institution, SourceCode code) {
        if (code.code().isEmpty() || code.table().isEmpty()) {
            return Optional.empty();
        }
        String value = code.code().get();
        String system = CodeTables.system(institution, code.table().get(), value);
        return Arrays.stream(values())
                .filter(sign -> system.equals(Loinc.SYSTEM) ? sign.loinc.equals(value)
                        : isJlac10Table(system, code) && sign.jlac10.contains(value))
                .findFirst();
    }
}
