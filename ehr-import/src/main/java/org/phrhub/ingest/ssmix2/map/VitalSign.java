package org.phrhub.ingest.ssmix2.map;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.phrhub.ingest.codes.CodeTables;
import org.phrhub.ingest.codes.JpCore;
import org.phrhub.ingest.codes.Loinc;

/**
 * The vital signs of the FHIR R4 vital-signs profiles: LOINC code, UCUM unit, and how a hospital's OBX-3 may
 * name them: a LOINC code (primary or alternate identifier, table {@code LN}) or one of the JLAC10 codes
 * specific health check-ups use. Systolic and diastolic pressure become components of one panel.
 *
 * @param units the unit codes hospitals write for the UCUM unit, all meaning exactly it (no conversion)
 */
enum VitalSign {
    BODY_TEMPERATURE(Loinc.BODY_TEMPERATURE, "Body temperature", "bodytemp", "Cel", Set.of("Cel", "℃", "°C", "degC"), Set.of()),
    BODY_HEIGHT(Loinc.BODY_HEIGHT, "Body height", "bodyheight", "cm", Set.of("cm"), Set.of("9N001000000000001")),
    BODY_WEIGHT(Loinc.BODY_WEIGHT, "Body weight", "bodyweight", "kg", Set.of("kg"), Set.of("9N006000000000001")),
    HEART_RATE(Loinc.HEART_RATE, "Heart rate", "heartrate", "/min", Set.of("/min", "bpm", "回/分"), Set.of()),
    OXYGEN_SATURATION(Loinc.OXYGEN_SATURATION, "Oxygen saturation in Arterial blood", "oxygensat", "%", Set.of("%"), Set.of()),
    SYSTOLIC(Loinc.SYSTOLIC, "Systolic blood pressure", "bp", "mm[Hg]", Set.of("mm[Hg]", "mmHg"), Set.of("9A751000000000001")),
    DIASTOLIC(Loinc.DIASTOLIC, "Diastolic blood pressure", "bp", "mm[Hg]", Set.of("mm[Hg]", "mmHg"), Set.of("9A761000000000001"));

    static final String PROFILE_PREFIX = "http://hl7.org/fhir/StructureDefinition/";

    final String loinc;
    final String display;
    final String profile;
    final String ucum;
    private final Set<String> units;
    private final Set<String> jlac10;

    VitalSign(String loinc, String display, String profile, String ucum, Set<String> units, Set<String> jlac10) {
        this.loinc = loinc;
        this.display = display;
        this.profile = PROFILE_PREFIX + profile;
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
                        : system.equals(JpCore.JLAC10) && sign.jlac10.contains(value))
                .findFirst();
    }
}
