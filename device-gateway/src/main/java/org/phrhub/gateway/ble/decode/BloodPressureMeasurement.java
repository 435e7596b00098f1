package org.phrhub.gateway.ble.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * A Blood Pressure Measurement (0x2A35), the final result of one measurement, as the monitor sent it.
 *
 * @param meanArterialPressure empty only where the monitor's quirks profile reads the field as "not measured"
 * @param userId the monitor's user 0..254; empty when the payload has none or says 0xFF (unknown user)
 */
public record BloodPressureMeasurement(
        PressureUnit unit,
        SFloat systolic,
        SFloat diastolic,
        Optional<SFloat> meanArterialPressure,
        Optional<SFloat> pulseRate,
        Optional<DeviceTimestamp> timestamp,
        Optional<Integer> userId,
        Optional<MeasurementStatus> status) {

    /** The user ID by which a monitor says it does not know who measured. */
    public static final int UNKNOWN_USER = 0xFF;

    public BloodPressureMeasurement {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(systolic, "systolic");
        Objects.requireNonNull(diastolic, "diastolic");
        Objects.requireNonNull(meanArterialPressure, "meanArterialPressure");
        Objects.requireNonNull(pulseRate, "pulseRate");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        requireKnownUser(userId);
    }

    /**
     * Whether the monitor reports a failed measurement: systolic, diastolic or a sent MAP is not a number (NaN, NRes,
     * an infinity or reserved). Such a reading must not be taken as a blood pressure.
     */
    public boolean failed() {
        return !systolic.isNumber()
                || !diastolic.isNumber()
                || meanArterialPressure.map(map -> !map.isNumber()).orElse(false);
    }

    static void requireKnownUser(Optional<Integer> userId) {
        Objects.requireNonNull(userId, "userId");
        userId.ifPresent(id -> {
            if (id < 0 || id >= UNKNOWN_USER) {
                throw new IllegalArgumentException(
                        "a user ID is 0..254 (255 means unknown user: use Optional.empty()); got " + id);
            }
        });
    }
}
