package org.phrhub.telehealth.chart;

import java.util.List;

/**
 * The home blood-pressure section: the span's readings (newest first in the table, oldest first in the
 * chart) and the two 7-day averages, judged against the patient's target.
 */
public record HomeBloodPressure(ChartSpan span, List<HomeReading> readings, HomeAverage morning, HomeAverage evening,
        HomeBloodPressureRules.Target target, int hypertensionSystolic, int hypertensionDiastolic) {

    public List<HomeReading> newestFirst() {
        return readings.reversed();
    }
}
