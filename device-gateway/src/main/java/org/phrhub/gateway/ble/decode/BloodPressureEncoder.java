package org.phrhub.gateway.ble.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds 2A35 and 2A36 payloads, the inverse of {@link BloodPressureDecoder}: what a monitor following the
 * specification (or, given a profile, a monitor with those quirks) would send. Simulated monitors and tests use it.
 */
public final class BloodPressureEncoder {

    private final QuirksProfile profile;

    public BloodPressureEncoder(QuirksProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * A 2A35 payload as the specification lays it out.
     *
     * @param userId 0..255; 255 is sent as is and means "unknown user"
     */
    public static byte[] measurement(
            PressureUnit unit,
            SFloat systolic,
            SFloat diastolic,
            SFloat meanArterialPressure,
            Optional<DeviceTimestamp> timestamp,
            Optional<SFloat> pulseRate,
            Optional<Integer> userId,
            Optional<MeasurementStatus> status) {
        return new BloodPressureEncoder(QuirksProfile.STRICT)
                .payload(unit, systolic, diastolic, meanArterialPressure, timestamp, pulseRate, userId, status);
    }

    /**
     * A 2A36 payload as the specification lays it out; the unused diastolic and MAP fields are NaN.
     *
     * @param userId 0..255; 255 is sent as is and means "unknown user"
     */
    public static byte[] intermediateCuffPressure(
            PressureUnit unit,
            SFloat cuffPressure,
            Optional<DeviceTimestamp> timestamp,
            Optional<SFloat> pulseRate,
            Optional<Integer> userId,
            Optional<MeasurementStatus> status) {
        return new BloodPressureEncoder(QuirksProfile.STRICT)
                .payload(unit, cuffPressure, SFloat.NAN, SFloat.NAN, timestamp, pulseRate, userId, status);
    }

    /**
     * The payload a monitor with this encoder's quirks sends for the measurement.
     *
     * @throws IllegalArgumentException when the profile's layout cannot carry the measurement, e.g. a missing MAP
     *     in the strict layout
     */
    public byte[] encode(BloodPressureMeasurement measurement) {
        return payload(
                measurement.unit(),
                measurement.systolic(),
                measurement.diastolic(),
                profile.meanArterialPressureField(measurement.meanArterialPressure()),
                measurement.timestamp(),
                measurement.pulseRate(),
                measurement.userId(),
                measurement.status());
    }

    /** The payload a monitor with this encoder's quirks sends for the cuff pressure. */
    public byte[] encode(IntermediateCuffPressure pressure) {
        return payload(
                pressure.unit(),
                pressure.cuffPressure(),
                SFloat.NAN,
                SFloat.NAN,
                pressure.timestamp(),
                pressure.pulseRate(),
                pressure.userId(),
                pressure.status());
    }

    private byte[] payload(
            PressureUnit unit,
            SFloat first,
            SFloat second,
            SFloat third,
            Optional<DeviceTimestamp> timestamp,
            Optional<SFloat> pulseRate,
            Optional<Integer> userId,
            Optional<MeasurementStatus> status) {
        userId.ifPresent(id -> {
            if (id < 0 || id > 0xFF) {
                throw new IllegalArgumentException("a user ID is one byte, 0..255; got " + id);
            }
        });
        int flags = (unit == PressureUnit.KPA ? PayloadLayout.UNIT_KPA : 0)
                | (timestamp.isPresent() ? PayloadLayout.TIME_STAMP : 0)
                | (pulseRate.isPresent() ? PayloadLayout.PULSE_RATE : 0)
                | (userId.isPresent() && profile.setsUserIdFlag() ? PayloadLayout.USER_ID : 0)
                | (status.isPresent() ? PayloadLayout.STATUS : 0);
        Writer out = new Writer();
        out.uint8(flags);
        out.uint16(first.raw(), ByteOrder.LITTLE_ENDIAN);
        out.uint16(second.raw(), ByteOrder.LITTLE_ENDIAN);
        out.uint16(third.raw(), ByteOrder.LITTLE_ENDIAN);
        timestamp.ifPresent(time -> {
            out.uint16(time.year(), ByteOrder.LITTLE_ENDIAN);
            out.uint8(time.month());
            out.uint8(time.day());
            out.uint8(time.hours());
            out.uint8(time.minutes());
            out.uint8(time.seconds());
        });
        pulseRate.ifPresent(pulse -> out.uint16(pulse.raw(), profile.pulseRateOrder()));
        if (profile.carriesUserId(flags)) {
            out.uint8(userId.orElse(BloodPressureMeasurement.UNKNOWN_USER));
        }
        status.ifPresent(s -> out.uint16(s.raw(), profile.statusOrder()));
        return out.bytes();
    }

    private static final class Writer {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void uint8(int value) {
            bytes.write(value);
        }

        void uint16(int value, ByteOrder order) {
            if (order == ByteOrder.LITTLE_ENDIAN) {
                bytes.write(value);
                bytes.write(value >> 8);
            } else {
                bytes.write(value >> 8);
                bytes.write(value);
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
