package org.phrhub.telehealth.chart;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The mean of one occasion's home readings over the assessment days (JSH: the last 7 days, at least 5 of
 * them with readings).
 *
 * @param daysWithReadings how many of the days had a counted reading of this occasion
 * @param readings         how many readings were averaged
 * @param readingIds       the blood-pressure Observations averaged, for {@code derivedFrom}
 * @param systolic         empty when there were too few days
 */
public record HomeAverage(
        Occasion occasion,
        LocalDate firstDay,
        LocalDate lastDay,
        int daysWithReadings,
        int readings,
        List<String> readingIds,
        Optional<BigDecimal> systolic,
        Optional<BigDecimal> diastolic,
        Judgement judgement) {

    /** What the average says, against the configured lines. */
    public enum Judgement {
        TOO_FEW_READINGS,
        /** At or above the home hypertension line (135/85): systolic or diastolic. */
        HYPERTENSION,
        /** Below the hypertension line but not below the patient's target. */
        ABOVE_TARGET,
        AT_TARGET
    }

    public boolean enough() {
        return judgement != Judgement.TOO_FEW_READINGS;
    }
}
