package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phrhub.gateway.ble.decode.BloodPressureDecoderTest.hex;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Intermediate Cuff Pressure (0x2A36): the 2A35 layout with the cuff pressure first and two unused SFLOATs. */
class IntermediateCuffPressureTest {

    private final BloodPressureDecoder strict = new BloodPressureDecoder(QuirksProfile.STRICT);

    @Test
    void cuffPressureIsTheFirstFieldAndTheUnusedOnesAreIgnored() throws MalformedMeasurementException {
        // 0x00; cuff 140 = 0x008C -> 8C 00; diastolic and MAP unused: NaN 0x07FF -> FF 07
        IntermediateCuffPressure pressure = strict.decodeIntermediateCuffPressure(hex("00 8C00 FF07 FF07"));

        assertThat(pressure.unit()).isEqualTo(PressureUnit.MMHG);
        assertThat(pressure.cuffPressure().value()).contains(new BigDecimal("140"));
        assertThat(pressure.pulseRate()).isEmpty();
        assertThat(pressure.timestamp()).isEmpty();
        assertThat(pressure.userId()).isEmpty();
        assertThat(pressure.status()).isEmpty();
    }

    @Test
    void unusedFieldsWithValuesAreStillIgnored() throws MalformedMeasurementException {
        // a monitor that fills the unused fields with 0 instead of NaN
        IntermediateCuffPressure pressure = strict.decodeIntermediateCuffPressure(hex("00 8C00 0000 0000"));

        assertThat(pressure.cuffPressure()).isEqualTo(SFloat.of(140));
    }

    @Test
    void kpaCuffPressureWithEveryOptionalField() throws MalformedMeasurementException {
        // 0x1F: kPa, time stamp, pulse, user, status; cuff 18.8 = 188e-1 = 0xF0BC -> BC F0; unused NaN, NaN;
        // 2026-11-25 07:30:15 -> EA 07 0B 19 07 1E 0F; pulse 68 -> 44 00; user 02; status 0x0002 cuff loose -> 02 00
        IntermediateCuffPressure pressure = strict.decodeIntermediateCuffPressure(
                hex("1F BCF0 FF07 FF07 EA070B19071E0F 4400 02 0200"));

        assertThat(pressure.unit()).isEqualTo(PressureUnit.KPA);
        assertThat(pressure.cuffPressure().value()).contains(new BigDecimal("18.8"));
        assertThat(pressure.timestamp().flatMap(DeviceTimestamp::toLocalDateTime))
                .contains(LocalDateTime.of(2026, 11, 25, 7, 30, 15));
        assertThat(pressure.pulseRate()).contains(SFloat.of(68));
        assertThat(pressure.userId()).contains(2);
        assertThat(pressure.status().orElseThrow().cuffTooLoose()).isTrue();
    }

    @Test
    void truncatedCuffPressureNamesItsCharacteristic() {
        assertThatThrownBy(() -> strict.decodeIntermediateCuffPressure(hex("04 8C00 FF07 FF07 44")))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessage("Intermediate Cuff Pressure (2A36) payload is 8 bytes but its flags 0x04 announce 9"
                        + " (pulse rate)");
    }
}
