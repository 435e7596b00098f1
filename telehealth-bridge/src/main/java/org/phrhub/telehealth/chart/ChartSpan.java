package org.phrhub.telehealth.chart;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;

/** How far back the home blood-pressure chart looks. */
public enum ChartSpan {
    TWO_WEEKS("2w", Period.ofWeeks(2)),
    THREE_MONTHS("3m", Period.ofMonths(3)),
    ONE_YEAR("1y", Period.ofYears(1));

    private final String parameter;
    private final Period period;

    ChartSpan(String parameter, Period period) {
        this.parameter = parameter;
        this.period = period;
    }

    /** The value of the page's {@code span} parameter, e.g. {@code 3m}. */
    public String parameter() {
        return parameter;
    }

    public LocalDate firstDay(LocalDate today) {
        return today.minus(period).plusDays(1);
    }

    /** The span a parameter names; two weeks when it names none. */
    public static ChartSpan ofParameter(String value) {
        return Arrays.stream(values()).filter(span -> span.parameter.equals(value)).findFirst().orElse(TWO_WEEKS);
    }
}
