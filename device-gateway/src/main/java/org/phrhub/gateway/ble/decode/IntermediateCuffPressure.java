package org.phrhub.gateway.ble.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * An Intermediate Cuff Pressure (0x2A36): the cuff pressure while a measurement runs. Its layout is that of 2A35,
 * with the current cuff pressure where the systolic value goes; the diastolic and MAP fields are unused (the
 * monitor fills them with NaN) and are not read.
 *
 * @param userId the monitor's user 0..254; empty when the payload has none or says 0xFF (unknown user)
 */
public record IntermediateCuffPressure(
        PressureUnit unit,
        SFloat cuffPressure,
        Optional<SFloat> pulseRate,
        Optional<DeviceTimestamp> timestamp,
        Optional<Integer> userId,
        Optional<MeasurementStatus> status) {

    public IntermediateCuffPressure {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(cuffPressure, "cuffPressure");
        Objects.requireNonNull(pulseRate, "pulseRate");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        BloodPressureMeasurement.requireKnownUser(userId);
    }
}
