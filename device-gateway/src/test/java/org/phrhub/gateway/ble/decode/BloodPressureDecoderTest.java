package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Blood Pressure Measurement (0x2A35) vectors derived by hand from the Blood Pressure Service specification. */
class BloodPressureDecoderTest {

    private final BloodPressureDecoder strict = new BloodPressureDecoder(QuirksProfile.STRICT);

    /*
     * Every combination of the five flag bits: bit 0 kPa, bit 1 time stamp, bit 2 pulse rate, bit 3 user ID,
     * bit 4 status. Fields, little-endian, in this order:
     *   mmHg: systolic 120 = 0x0078 -> 78 00, diastolic 80 = 0x0050 -> 50 00, MAP 93 = 0x005D -> 5D 00
     *   kPa:  systolic 16.0 = 160e-1 = 0xF0A0 -> A0 F0, diastolic 10.7 = 107e-1 = 0xF06B -> 6B F0,
     *         MAP 12.4 = 124e-1 = 0xF07C -> 7C F0
     *   time stamp 2026-11-25 07:30:00: year 2026 = 0x07EA -> EA 07, month 0B, day 19, 07, 1E, 00
     *   pulse 72 = 0x0048 -> 48 00; user ID 1 -> 01
     *   status 0x0025 = body movement (bit 0) + irregular pulse (bit 2) + improper position (bit 5) -> 25 00
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // payload                                    , unit,  sys,  dia,  map, time stamp      , pulse, user, status
        "00 7800 5000 5D00                             , MMHG,  120,   80,   93,                 ,   ,  ,     ",
        "01 A0F0 6BF0 7CF0                             , KPA , 16.0, 10.7, 12.4,                 ,   ,  ,     ",
        "02 7800 5000 5D00 EA070B19071E00              , MMHG,  120,   80,   93, 2026-11-25T07:30,   ,  ,     ",
        "03 A0F0 6BF0 7CF0 EA070B19071E00              , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30,   ,  ,     ",
        "04 7800 5000 5D00 4800                        , MMHG,  120,   80,   93,                 , 72,  ,     ",
        "05 A0F0 6BF0 7CF0 4800                        , KPA , 16.0, 10.7, 12.4,                 , 72,  ,     ",
        "06 7800 5000 5D00 EA070B19071E00 4800         , MMHG,  120,   80,   93, 2026-11-25T07:30, 72,  ,     ",
        "07 A0F0 6BF0 7CF0 EA070B19071E00 4800         , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30, 72,  ,     ",
        "08 7800 5000 5D00 01                          , MMHG,  120,   80,   93,                 ,   , 1,     ",
        "09 A0F0 6BF0 7CF0 01                          , KPA , 16.0, 10.7, 12.4,                 ,   , 1,     ",
        "0A 7800 5000 5D00 EA070B19071E00 01           , MMHG,  120,   80,   93, 2026-11-25T07:30,   , 1,     ",
        "0B A0F0 6BF0 7CF0 EA070B19071E00 01           , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30,   , 1,     ",
        "0C 7800 5000 5D00 4800 01                     , MMHG,  120,   80,   93,                 , 72, 1,     ",
        "0D A0F0 6BF0 7CF0 4800 01                     , KPA , 16.0, 10.7, 12.4,                 , 72, 1,     ",
        "0E 7800 5000 5D00 EA070B19071E00 4800 01      , MMHG,  120,   80,   93, 2026-11-25T07:30, 72, 1,     ",
        "0F A0F0 6BF0 7CF0 EA070B19071E00 4800 01      , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30, 72, 1,     ",
        "10 7800 5000 5D00 2500                        , MMHG,  120,   80,   93,                 ,   ,  , 0025",
        "11 A0F0 6BF0 7CF0 2500                        , KPA , 16.0, 10.7, 12.4,                 ,   ,  , 0025",
        "12 7800 5000 5D00 EA070B19071E00 2500         , MMHG,  120,   80,   93, 2026-11-25T07:30,   ,  , 0025",
        "13 A0F0 6BF0 7CF0 EA070B19071E00 2500         , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30,   ,  , 0025",
        "14 7800 5000 5D00 4800 2500                   , MMHG,  120,   80,   93,                 , 72,  , 0025",
        "15 A0F0 6BF0 7CF0 4800 2500                   , KPA , 16.0, 10.7, 12.4,                 , 72,  , 0025",
        "16 7800 5000 5D00 EA070B19071E00 4800 2500    , MMHG,  120,   80,   93, 2026-11-25T07:30, 72,  , 0025",
        "17 A0F0 6BF0 7CF0 EA070B19071E00 4800 2500    , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30, 72,  , 0025",
        "18 7800 5000 5D00 01 2500                     , MMHG,  120,   80,   93,                 ,   , 1, 0025",
        "19 A0F0 6BF0 7CF0 01 2500                     , KPA , 16.0, 10.7, 12.4,                 ,   , 1, 0025",
        "1A 7800 5000 5D00 EA070B19071E00 01 2500      , MMHG,  120,   80,   93, 2026-11-25T07:30,   , 1, 0025",
        "1B A0F0 6BF0 7CF0 EA070B19071E00 01 2500      , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30,   , 1, 0025",
        "1C 7800 5000 5D00 4800 01 2500                , MMHG,  120,   80,   93,                 , 72, 1, 0025",
        "1D A0F0 6BF0 7CF0 4800 01 2500                , KPA , 16.0, 10.7, 12.4,                 , 72, 1, 0025",
        "1E 7800 5000 5D00 EA070B19071E00 4800 01 2500 , MMHG,  120,   80,   93, 2026-11-25T07:30, 72, 1, 0025",
        "1F A0F0 6BF0 7CF0 EA070B19071E00 4800 01 2500 , KPA , 16.0, 10.7, 12.4, 2026-11-25T07:30, 72, 1, 0025",
    })
    void everyFlagCombinationDecodesExactlyTheFieldsItAnnounces(
            String payload,
            PressureUnit unit,
            String systolic,
            String diastolic,
            String map,
            LocalDateTime timestamp,
            Integer pulse,
            Integer userId,
            String status)
            throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex(payload));

        assertThat(measurement.unit()).isEqualTo(unit);
        assertThat(measurement.systolic().value()).contains(new BigDecimal(systolic));
        assertThat(measurement.diastolic().value()).contains(new BigDecimal(diastolic));
        assertThat(measurement.meanArterialPressure().flatMap(SFloat::value)).contains(new BigDecimal(map));
        assertThat(measurement.timestamp().flatMap(DeviceTimestamp::toLocalDateTime))
                .isEqualTo(Optional.ofNullable(timestamp));
        assertThat(measurement.pulseRate().flatMap(SFloat::value))
                .isEqualTo(Optional.ofNullable(pulse).map(BigDecimal::valueOf));
        assertThat(measurement.userId()).isEqualTo(Optional.ofNullable(userId));
        assertThat(measurement.status().map(MeasurementStatus::raw))
                .isEqualTo(Optional.ofNullable(status).map(raw -> Integer.parseInt(raw, 16)));
        assertThat(measurement.failed()).isFalse();
    }

    @Test
    void kpaMeasurementKeepsDevicePrecision() throws MalformedMeasurementException {
        // 0x01 kPa; systolic 18.9 = 189e-1 = 0xF0BD, diastolic 12.0 = 120e-1 = 0xF078, MAP 14.3 = 143e-1 = 0xF08F
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("01 BDF0 78F0 8FF0"));

        assertThat(measurement.unit()).isEqualTo(PressureUnit.KPA);
        assertThat(measurement.systolic().value()).contains(new BigDecimal("18.9"));
        assertThat(measurement.diastolic().value()).contains(new BigDecimal("12.0"));
        assertThat(measurement.diastolic().value().orElseThrow().toPlainString()).isEqualTo("12.0");
        assertThat(measurement.meanArterialPressure().flatMap(SFloat::value)).contains(new BigDecimal("14.3"));
    }

    @Test
    void negativeMantissaAndPositiveExponentAreDecoded() throws MalformedMeasurementException {
        // systolic 12e1 = 0x100C -> 0C 10; diastolic -1 = mantissa 0xFFF, exponent 0 = 0x0FFF -> FF 0F;
        // MAP -12.0 = -120e-1 = 0xFF88 -> 88 FF
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("00 0C10 FF0F 88FF"));

        assertThat(measurement.systolic().value().orElseThrow()).isEqualByComparingTo("120");
        assertThat(measurement.diastolic().value()).contains(new BigDecimal("-1"));
        assertThat(measurement.meanArterialPressure().flatMap(SFloat::value)).contains(new BigDecimal("-12.0"));
    }

    @ParameterizedTest(name = "{0} in the {1} field")
    @CsvSource({
        // specials little-endian: NaN 0x07FF -> FF 07, NRes 0x0800 -> 00 08, +INF 0x07FE -> FE 07,
        // -INF 0x0802 -> 02 08, reserved 0x0801 -> 01 08
        "NAN,               systolic,  00 FF07 5000 5D00",
        "NRES,              systolic,  00 0008 5000 5D00",
        "POSITIVE_INFINITY, diastolic, 00 7800 FE07 5D00",
        "NEGATIVE_INFINITY, diastolic, 00 7800 0208 5D00",
        "RESERVED,          map,       00 7800 5000 0108",
        "NAN,               map,       00 7800 5000 FF07",
    })
    void specialValueInAPressureFieldMarksTheMeasurementFailed(SFloat.Kind kind, String field, String payload)
            throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex(payload));

        SFloat value = switch (field) {
            case "systolic" -> measurement.systolic();
            case "diastolic" -> measurement.diastolic();
            default -> measurement.meanArterialPressure().orElseThrow();
        };
        assertThat(value.kind()).isEqualTo(kind);
        assertThat(measurement.failed()).isTrue();
    }

    @Test
    void specialPulseRateDoesNotFailTheBloodPressure() throws MalformedMeasurementException {
        // 0x04 pulse present; pulse NaN 0x07FF -> FF 07
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("04 7800 5000 5D00 FF07"));

        assertThat(measurement.pulseRate()).contains(SFloat.NAN);
        assertThat(measurement.failed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 0x02 time stamp present; 07:30:00 stays; the unknown part is 0
        "year 0,  00 00 0B 19 07 1E 00, 0,    11, 25",
        "month 0, EA 07 00 19 07 1E 00, 2026, 0,  25",
        "day 0,   EA 07 0B 00 07 1E 00, 2026, 11, 0",
    })
    void unknownDateKeepsItsRawFieldsButNamesNoMoment(String unknown, String timestamp, int year, int month, int day)
            throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("02 7800 5000 5D00 " + timestamp));

        DeviceTimestamp time = measurement.timestamp().orElseThrow();
        assertThat(time).isEqualTo(new DeviceTimestamp(year, month, day, 7, 30, 0));
        assertThat(time.toLocalDateTime()).isEmpty();
    }

    @ParameterizedTest(name = "user byte {0}")
    @CsvSource({"FF, ", "00, 0", "01, 1", "FE, 254"})
    void userIdFFMeansUnknownUser(String userByte, Integer expected) throws MalformedMeasurementException {
        // 0x08 user ID present
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("08 7800 5000 5D00 " + userByte));

        assertThat(measurement.userId()).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({
        // 0x10 status present; status uint16 little-endian
        "01 00, true,  false, false, IN_RANGE,    false",  // bit 0 body movement
        "02 00, false, true,  false, IN_RANGE,    false",  // bit 1 cuff too loose
        "04 00, false, false, true,  IN_RANGE,    false",  // bit 2 irregular pulse
        "08 00, false, false, false, ABOVE_RANGE, false",  // bits 3-4 = 0b01
        "10 00, false, false, false, BELOW_RANGE, false",  // bits 3-4 = 0b10
        "18 00, false, false, false, RESERVED,    false",  // bits 3-4 = 0b11, reserved
        "20 00, false, false, false, IN_RANGE,    true",   // bit 5 improper position
        "C0 FF, false, false, false, IN_RANGE,    false",  // bits 6-15 reserved: nothing to read
        "3F 00, true,  true,  true,  RESERVED,    true",
    })
    void eachStatusBitIsReadOnItsOwn(
            String status,
            boolean bodyMovement,
            boolean cuffTooLoose,
            boolean irregularPulse,
            PulseRateRange range,
            boolean improperPosition)
            throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("10 7800 5000 5D00 " + status));

        byte[] bytes = hex(status);
        assertThat(measurement.status()).contains(new MeasurementStatus(
                bodyMovement, cuffTooLoose, irregularPulse, range, improperPosition,
                (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8));
    }

    @ParameterizedTest(name = "flags {1}")
    @CsvSource(delimiter = '|', value = {
        "1E 7800 5000 5D00 EA070B19071E00 4800 01 2500 | 0x1E announce 19 (time stamp, pulse rate, user ID, status)",
        "00 7800 5000 5D00                             | 0x00 announce 7 (no optional fields)",
        "15 A0F0 6BF0 7CF0 4800 2500                   | 0x15 announce 11 (pulse rate, status)",
        "0A 7800 5000 5D00 EA070B19071E00 01           | 0x0A announce 15 (time stamp, user ID)",
    })
    void payloadShorterThanItsFlagsAnnounceIsRefusedAtEveryLength(String payload, String announcement) {
        byte[] complete = hex(payload);
        for (int length = 1; length < complete.length; length++) {
            byte[] truncated = Arrays.copyOf(complete, length);

            assertThatThrownBy(() -> strict.decodeMeasurement(truncated))
                    .as("the first %d bytes", length)
                    .isInstanceOf(MalformedMeasurementException.class)
                    .hasMessage("Blood Pressure Measurement (2A35) payload is %s but its flags %s",
                            length == 1 ? "1 byte" : length + " bytes", announcement);
        }
    }

    @Test
    void emptyPayloadIsRefused() {
        assertThatThrownBy(() -> strict.decodeMeasurement(new byte[0]))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessage("Blood Pressure Measurement (2A35) payload is empty; it needs at least 7 bytes:"
                        + " the flags byte and three SFLOAT values");
        assertThatThrownBy(() -> strict.decodeMeasurement(null)).isInstanceOf(MalformedMeasurementException.class);
    }

    @Test
    void strictDecoderRefusesBytesBeyondWhatTheFlagsAnnounce() {
        // 0x00 announces 7 bytes; an eighth follows
        assertThatThrownBy(() -> strict.decodeMeasurement(hex("00 7800 5000 5D00 01")))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessageStartingWith("Blood Pressure Measurement (2A35) payload is 8 bytes but its flags 0x00"
                        + " announce 7 (no optional fields); the extra byte is not in the specification")
                .hasMessageContaining("quirks profile");
    }

    @Test
    void reservedFlagBitsAreIgnored() throws MalformedMeasurementException {
        // 0xE4: reserved bits 5-7 set, plus bit 2 pulse rate; pulse 72 -> 48 00
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("E4 7800 5000 5D00 4800"));

        assertThat(measurement.unit()).isEqualTo(PressureUnit.MMHG);
        assertThat(measurement.pulseRate()).contains(SFloat.of(72));
        assertThat(measurement.timestamp()).isEmpty();
    }

    @Test
    void strictMeanArterialPressureOfZeroIsANumber() throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = strict.decodeMeasurement(hex("00 7800 5000 0000"));

        assertThat(measurement.meanArterialPressure()).contains(SFloat.fromRaw(0));
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
