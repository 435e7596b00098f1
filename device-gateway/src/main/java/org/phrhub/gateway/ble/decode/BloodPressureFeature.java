package org.phrhub.gateway.ble.decode;

/**
 * The Blood Pressure Feature (0x2A49), a uint16 little-endian bit field: which detections the monitor supports.
 * Bits 6-15 are not interpreted here but stay in {@link #raw()}.
 *
 * @param multipleBonds bit 5, the monitor keeps bonds with several collectors
 * @param raw the 16 bits as received
 */
public record BloodPressureFeature(
        boolean bodyMovementDetection,
        boolean cuffFitDetection,
        boolean irregularPulseDetection,
        boolean pulseRateRangeDetection,
        boolean measurementPositionDetection,
        boolean multipleBonds,
        int raw) {

    /** The size of the characteristic's value. */
    public static final int LENGTH = 2;

    public BloodPressureFeature {
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException("a Blood Pressure Feature has 16 bits, 0x0000 to 0xFFFF; got " + raw);
        }
        if (bodyMovementDetection != bit(raw, 0)
                || cuffFitDetection != bit(raw, 1)
                || irregularPulseDetection != bit(raw, 2)
                || pulseRateRangeDetection != bit(raw, 3)
                || measurementPositionDetection != bit(raw, 4)
                || multipleBonds != bit(raw, 5)) {
            throw new IllegalArgumentException(String.format(
                    "the flags disagree with the raw feature 0x%04X; build the feature with fromRaw", raw));
        }
    }

    public static BloodPressureFeature fromRaw(int raw16) {
        if (raw16 < 0 || raw16 > 0xFFFF) {
            throw new IllegalArgumentException("a Blood Pressure Feature has 16 bits, 0x0000 to 0xFFFF; got " + raw16);
        }
        return new BloodPressureFeature(bit(raw16, 0), bit(raw16, 1), bit(raw16, 2), bit(raw16, 3), bit(raw16, 4),
                bit(raw16, 5), raw16);
    }

    /** Decodes the value read from 0x2A49, exactly two bytes. */
    public static BloodPressureFeature decode(byte[] value) throws MalformedMeasurementException {
        if (value == null || value.length != LENGTH) {
            int length = value == null ? 0 : value.length;
            throw new MalformedMeasurementException(BloodPressureCharacteristic.FEATURE.describe()
                    + " value is " + BloodPressureDecoder.bytes(length) + " but must be exactly " + LENGTH
                    + " (a 16-bit field of supported features)");
        }
        return fromRaw((value[0] & 0xFF) | (value[1] & 0xFF) << 8);
    }

    private static boolean bit(int raw, int index) {
        return (raw >> index & 1) != 0;
    }
}
