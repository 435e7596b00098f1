package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phrhub.gateway.ble.decode.BloodPressureDecoderTest.hex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Blood Pressure Feature (0x2A49): a uint16 little-endian bit field. */
class BloodPressureFeatureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // value, body movement, cuff fit, irregular pulse, pulse rate range, position, multiple bonds
        "00 00, false, false, false, false, false, false",
        "01 00, true,  false, false, false, false, false",  // bit 0
        "02 00, false, true,  false, false, false, false",  // bit 1
        "04 00, false, false, true,  false, false, false",  // bit 2
        "08 00, false, false, false, true,  false, false",  // bit 3
        "10 00, false, false, false, false, true,  false",  // bit 4
        "20 00, false, false, false, false, false, true",   // bit 5
        "3F 00, true,  true,  true,  true,  true,  true",
        "00 FF, false, false, false, false, false, false",  // bits 8-15: nothing known, kept in raw
    })
    void eachFeatureBitIsReadOnItsOwn(
            String value,
            boolean bodyMovement,
            boolean cuffFit,
            boolean irregularPulse,
            boolean pulseRateRange,
            boolean position,
            boolean multipleBonds)
            throws MalformedMeasurementException {
        BloodPressureFeature feature = BloodPressureFeature.decode(hex(value));

        assertThat(feature.bodyMovementDetection()).isEqualTo(bodyMovement);
        assertThat(feature.cuffFitDetection()).isEqualTo(cuffFit);
        assertThat(feature.irregularPulseDetection()).isEqualTo(irregularPulse);
        assertThat(feature.pulseRateRangeDetection()).isEqualTo(pulseRateRange);
        assertThat(feature.measurementPositionDetection()).isEqualTo(position);
        assertThat(feature.multipleBonds()).isEqualTo(multipleBonds);
        byte[] bytes = hex(value);
        assertThat(feature.raw()).isEqualTo((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8);
    }

    @Test
    void valueOfAnyOtherLengthIsRefused() {
        assertThatThrownBy(() -> BloodPressureFeature.decode(hex("3F")))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessage("Blood Pressure Feature (2A49) value is 1 byte but must be exactly 2"
                        + " (a 16-bit field of supported features)");
        assertThatThrownBy(() -> BloodPressureFeature.decode(hex("3F 00 00")))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessageStartingWith("Blood Pressure Feature (2A49) value is 3 bytes");
        assertThatThrownBy(() -> BloodPressureFeature.decode(new byte[0]))
                .isInstanceOf(MalformedMeasurementException.class);
        assertThatThrownBy(() -> BloodPressureFeature.decode(null)).isInstanceOf(MalformedMeasurementException.class);
    }
}
