package org.phrhub.gateway.ble.decode;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes Blood Pressure Measurement (0x2A35) and Intermediate Cuff Pressure (0x2A36) values exactly: decimal
 * values stay decimal, and every field the monitor sent is kept as sent.
 *
 * <p>The payload must be exactly as long as its flags (and the quirks profile) announce. A shorter payload lacks
 * fields. A longer one is refused too, although it holds every announced field: the layout is fully determined by
 * the flags, so extra bytes mean that the monitor does not follow it, and then the fields that were read may not be
 * where the flags say (a Beurer monitor's unflagged user-ID byte, read strictly, shifts its status by one byte).
 * Monitors known to deviate get a {@link QuirksProfile}.
 *
 * <p>Any byte array gives either a value or a {@link MalformedMeasurementException}, never another exception.
 */
public final class BloodPressureDecoder {

    private final QuirksProfile profile;

    public BloodPressureDecoder(QuirksProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public QuirksProfile profile() {
        return profile;
    }

    public BloodPressureMeasurement decodeMeasurement(byte[] payload) throws MalformedMeasurementException {
        Fields fields = read(BloodPressureCharacteristic.MEASUREMENT, payload);
        return new BloodPressureMeasurement(
                fields.unit(),
                fields.first(),
                fields.second(),
                profile.meanArterialPressure(fields.third()),
                fields.pulseRate(),
                fields.timestamp(),
                fields.userId(),
                fields.status());
    }

    public IntermediateCuffPressure decodeIntermediateCuffPressure(byte[] payload)
            throws MalformedMeasurementException {
        Fields fields = read(BloodPressureCharacteristic.INTERMEDIATE_CUFF_PRESSURE, payload);
        return new IntermediateCuffPressure(
                fields.unit(), fields.first(), fields.pulseRate(), fields.timestamp(), fields.userId(), fields.status());
    }

    /** The fields shared by 2A35 and 2A36, in the order they are sent. */
    private record Fields(
            PressureUnit unit,
            SFloat first,
            SFloat second,
            SFloat third,
            Optional<DeviceTimestamp> timestamp,
            Optional<SFloat> pulseRate,
            Optional<Integer> userId,
            Optional<MeasurementStatus> status) {}

    private Fields read(BloodPressureCharacteristic characteristic, byte[] payload)
            throws MalformedMeasurementException {
        if (payload == null || payload.length == 0) {
            throw new MalformedMeasurementException(characteristic.describe()
                    + " payload is empty; it needs at least " + PayloadLayout.MINIMUM_LENGTH
                    + " bytes: the flags byte and three SFLOAT values");
        }
        PayloadLayout layout = PayloadLayout.of(payload[0] & 0xFF, profile);
        String sizes = characteristic.describe() + " payload is " + bytes(payload.length) + " but "
                + layout.announcement();
        if (payload.length < layout.length()) {
            throw new MalformedMeasurementException(sizes);
        }
        if (payload.length > layout.length()) {
            int extra = payload.length - layout.length();
            throw new MalformedMeasurementException(sizes + "; " + (extra == 1 ? "the extra byte is" : "the "
                    + extra + " extra bytes are") + " not in the specification, so the fields may not be where the"
                    + " flags say: decode with the monitor's quirks profile if it deviates in a known way");
        }
        PayloadReader reader = new PayloadReader(payload, 1);
        SFloat first = reader.sfloat(ByteOrder.LITTLE_ENDIAN);
        SFloat second = reader.sfloat(ByteOrder.LITTLE_ENDIAN);
        SFloat third = reader.sfloat(ByteOrder.LITTLE_ENDIAN);
        Optional<DeviceTimestamp> timestamp =
                layout.timestamp() ? Optional.of(reader.timestamp()) : Optional.empty();
        Optional<SFloat> pulseRate =
                layout.pulseRate() ? Optional.of(reader.sfloat(profile.pulseRateOrder())) : Optional.empty();
        Optional<Integer> userId = layout.userId() ? knownUser(reader.uint8()) : Optional.empty();
        Optional<MeasurementStatus> status = layout.status()
                ? Optional.of(MeasurementStatus.fromRaw(reader.uint16(profile.statusOrder())))
                : Optional.empty();
        return new Fields(layout.unit(), first, second, third, timestamp, pulseRate, userId, status);
    }

    private static Optional<Integer> knownUser(int userId) {
        return userId == BloodPressureMeasurement.UNKNOWN_USER ? Optional.empty() : Optional.of(userId);
    }

    /** "1 byte", "9 bytes". */
    static String bytes(int count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }
}
