package org.phrhub.telehealth.chart;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One home blood-pressure measurement as the chart shows it: the reading, its pulse and the monitor's
 * measurement status, which the gateway stores as separate Observations of the same moment.
 *
 * @param observationId    the blood-pressure Observation, e.g. {@code Observation/123}
 * @param failed           the monitor measured no blood pressure
 * @param receptionClock   the time is when the gateway received the reading, not the monitor's own
 */
public record HomeReading(
        String observationId,
        Instant at,
        LocalDateTime local,
        Occasion occasion,
        Optional<BigDecimal> systolic,
        Optional<BigDecimal> diastolic,
        Optional<BigDecimal> pulse,
        boolean failed,
        boolean irregularPulse,
        boolean bodyMovement,
        boolean receptionClock) {

    /** Whether the reading counts towards an average: measured, and at a time that is the monitor's own. */
    public boolean countsForAverage() {
        return !failed && !receptionClock && systolic.isPresent() && diastolic.isPresent() && occasion != Occasion.OTHER;
    }
}
