package org.phrhub.gateway.ble.decode;

import java.util.Objects;

/**
 * The Measurement Status (uint16) of a 2A35 or 2A36 value: what the monitor noticed while measuring.
 *
 * <p>Bits 6-15 are reserved; they are not interpreted but stay in {@link #raw()}.
 *
 * @param bodyMovement bit 0, body movement during the measurement
 * @param cuffTooLoose bit 1, the cuff fit detection flag
 * @param irregularPulse bit 2, irregular pulse detected
 * @param pulseRateRange bits 3-4
 * @param improperPosition bit 5, the measurement position detection flag
 * @param raw the 16 bits as received, reserved bits included
 */
public record MeasurementStatus(
        boolean bodyMovement,
        boolean cuffTooLoose,
        boolean irregularPulse,
        PulseRateRange pulseRateRange,
        boolean improperPosition,
        int raw) {

    private static final int BODY_MOVEMENT = 0x0001;
    private static final int CUFF_TOO_LOOSE = 0x0002;
    private static final int IRREGULAR_PULSE = 0x0004;
    private static final int PULSE_RATE_RANGE_SHIFT = 3;
    private static final int IMPROPER_POSITION = 0x0020;

    /** The status of a measurement where the monitor noticed nothing. */
    public static final MeasurementStatus NOTHING_DETECTED = fromRaw(0);

    public MeasurementStatus {
        Objects.requireNonNull(pulseRateRange, "pulseRateRange");
        requireSixteenBits(raw);
        if (bodyMovement != isSet(raw, BODY_MOVEMENT)
                || cuffTooLoose != isSet(raw, CUFF_TOO_LOOSE)
                || irregularPulse != isSet(raw, IRREGULAR_PULSE)
                || pulseRateRange != rangeOf(raw)
                || improperPosition != isSet(raw, IMPROPER_POSITION)) {
            throw new IllegalArgumentException(String.format(
                    "the flags disagree with the raw status 0x%04X; build the status with fromRaw, or without raw",
                    raw));
        }
    }

    /** A status from its flags; the reserved bits are 0. */
    public MeasurementStatus(
            boolean bodyMovement,
            boolean cuffTooLoose,
            boolean irregularPulse,
            PulseRateRange pulseRateRange,
            boolean improperPosition) {
        this(bodyMovement, cuffTooLoose, irregularPulse, pulseRateRange, improperPosition,
                (bodyMovement ? BODY_MOVEMENT : 0)
                        | (cuffTooLoose ? CUFF_TOO_LOOSE : 0)
                        | (irregularPulse ? IRREGULAR_PULSE : 0)
                        | pulseRateRange.code() << PULSE_RATE_RANGE_SHIFT
                        | (improperPosition ? IMPROPER_POSITION : 0));
    }

    public static MeasurementStatus fromRaw(int raw16) {
        requireSixteenBits(raw16);
        return new MeasurementStatus(
                isSet(raw16, BODY_MOVEMENT),
                isSet(raw16, CUFF_TOO_LOOSE),
                isSet(raw16, IRREGULAR_PULSE),
                rangeOf(raw16),
                isSet(raw16, IMPROPER_POSITION),
                raw16);
    }

    private static boolean isSet(int raw, int bit) {
        return (raw & bit) != 0;
    }

    private static PulseRateRange rangeOf(int raw) {
        return PulseRateRange.ofCode(raw >> PULSE_RATE_RANGE_SHIFT);
    }

    private static void requireSixteenBits(int raw) {
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException("a Measurement Status has 16 bits, 0x0000 to 0xFFFF; got " + raw);
        }
    }
}
