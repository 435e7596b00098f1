package org.phrhub.telehealth.chart;

import java.util.List;
import java.util.Set;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;

/**
 * Which lab results tell a pharmacist about renal function (dose adjustment): serum creatinine, eGFR and
 * urea nitrogen, by their JLAC10 analyte codes (the first five characters) or LOINC codes.
 */
public final class RenalFunction {

    /** JLAC10 analytes: 3C015 creatinine, 3C025 urea nitrogen, 8A065 eGFR. */
    static final Set<String> JLAC10_ANALYTES = Set.of("3C015", "3C025", "8A065");
    /** LOINC: 2160-0 creatinine, 3094-0 urea nitrogen, 33914-3 / 62238-1 / 98979-8 eGFR. */
    static final Set<String> LOINC_CODES = Set.of("2160-0", "3094-0", "33914-3", "62238-1", "98979-8");

    private RenalFunction() {}

    public static List<HistoryEntry> of(List<HistoryEntry> labResults) {
        return labResults.stream().filter(RenalFunction::isRenal).toList();
    }

    static boolean isRenal(HistoryEntry entry) {
        return entry.codes().stream().anyMatch(code -> {
            int bar = code.indexOf('|');
            String system = code.substring(0, bar);
            String value = code.substring(bar + 1);
            return (JpCore.JLAC10.equals(system) && value.length() >= 5 && JLAC10_ANALYTES.contains(value.substring(0, 5)))
                    || (Loinc.SYSTEM.equals(system) && LOINC_CODES.contains(value));
        });
    }
}
