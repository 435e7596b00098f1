package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phrhub.gateway.ble.decode.BloodPressureDecoderTest.hex;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The encoder against the same hand-derived vectors the decoder is tested with. */
class BloodPressureEncoderTest {

    private static final DeviceTimestamp MORNING = DeviceTimestamp.of(LocalDateTime.of(2026, 11, 25, 7, 30, 0));
    private static final MeasurementStatus STATUS =
            new MeasurementStatus(true, false, true, PulseRateRange.IN_RANGE, true);

    @Test
    void measurementWithEveryFieldHasTheSpecifiedLayout() {
        byte[] payload = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.of(120), SFloat.of(80),
                SFloat.of(93), Optional.of(MORNING), Optional.of(SFloat.of(72)), Optional.of(1), Optional.of(STATUS));

        assertThat(payload).isEqualTo(hex("1E 7800 5000 5D00 EA070B19071E00 4800 01 2500"));
    }

    @Test
    void minimalKpaMeasurement() {
        byte[] payload = BloodPressureEncoder.measurement(PressureUnit.KPA, SFloat.of("16.0"), SFloat.of("10.7"),
                SFloat.of("12.4"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(payload).isEqualTo(hex("01 A0F0 6BF0 7CF0"));
    }

    @Test
    void unknownUserIsSentAsFF() {
        byte[] payload = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.of(120), SFloat.of(80),
                SFloat.of(93), Optional.empty(), Optional.empty(), Optional.of(0xFF), Optional.empty());

        assertThat(payload).isEqualTo(hex("08 7800 5000 5D00 FF"));
    }

    @Test
    void failedMeasurementIsSentAsNaN() {
        byte[] payload = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.NAN, SFloat.NAN, SFloat.NAN,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(payload).isEqualTo(hex("00 FF07 FF07 FF07"));
    }

    @Test
    void intermediateCuffPressureFillsTheUnusedFieldsWithNaN() {
        byte[] payload = BloodPressureEncoder.intermediateCuffPressure(PressureUnit.MMHG, SFloat.of(140),
                Optional.empty(), Optional.of(SFloat.of(72)), Optional.empty(), Optional.empty());

        assertThat(payload).isEqualTo(hex("04 8C00 FF07 FF07 4800"));
    }

    @Test
    void beurerLayoutHasTheBeurerQuirks() {
        BloodPressureMeasurement measurement = new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(120),
                SFloat.of(80), Optional.empty(), Optional.of(SFloat.of(72)), Optional.of(MORNING), Optional.of(2),
                Optional.of(STATUS));

        byte[] payload = new BloodPressureEncoder(QuirksProfile.BEURER).encode(measurement);

        // no user flag yet a user byte; MAP not measured 00 00; pulse and status big-endian
        assertThat(payload).isEqualTo(hex("16 7800 5000 0000 EA070B19071E00 0048 02 0025"));
    }

    @Test
    void beurerLayoutSendsFFForAnUnknownUser() {
        BloodPressureMeasurement measurement = new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(120),
                SFloat.of(80), Optional.of(SFloat.of(93)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThat(new BloodPressureEncoder(QuirksProfile.BEURER).encode(measurement))
                .isEqualTo(hex("00 7800 5000 5D00 FF"));
    }

    @Test
    void layoutsThatCannotCarryAMeasurementRefuseIt() {
        BloodPressureMeasurement withoutMap = new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(120),
                SFloat.of(80), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        BloodPressureMeasurement mapOfZero = new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(120),
                SFloat.of(80), Optional.of(SFloat.of(0)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> new BloodPressureEncoder(QuirksProfile.STRICT).encode(withoutMap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not measured");
        assertThatThrownBy(() -> new BloodPressureEncoder(QuirksProfile.BEURER).encode(mapOfZero))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x0000");
    }

    @Test
    void userIdOutsideOneByteIsRefused() {
        assertThatThrownBy(() -> BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.of(120), SFloat.of(80),
                        SFloat.of(93), Optional.empty(), Optional.empty(), Optional.of(256), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(120), SFloat.of(80),
                        Optional.of(SFloat.of(93)), Optional.empty(), Optional.empty(), Optional.of(0xFF),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown user");
    }
}
