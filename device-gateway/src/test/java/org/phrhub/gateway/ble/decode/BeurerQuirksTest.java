package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phrhub.gateway.ble.decode.BloodPressureDecoderTest.hex;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BeurerQuirksTest {

    private final BloodPressureDecoder beurer = new BloodPressureDecoder(QuirksProfile.BEURER);
    private final BloodPressureDecoder strict = new BloodPressureDecoder(QuirksProfile.STRICT);

    /*
     * 0x16: time stamp, pulse rate, status; no user-ID flag, yet a user byte 02 follows the pulse.
     * systolic 120 -> 78 00, diastolic 80 -> 50 00, MAP 93 -> 5D 00, 2026-11-25 07:30:00 -> EA 07 0B 19 07 1E 00,
     * pulse 72 = 0x0048 big-endian -> 00 48, user 02, status 0x0025 big-endian -> 00 25
     */
    private static final String BEURER_READING = "16 7800 5000 5D00 EA070B19071E00 0048 02 0025";

    @Test
    void userByteWithoutItsFlagAndBigEndianPulseAndStatusAreRead() throws MalformedMeasurementException {
        BloodPressureMeasurement measurement = beurer.decodeMeasurement(hex(BEURER_READING));

        assertThat(measurement.userId()).contains(2);
        assertThat(measurement.pulseRate()).contains(SFloat.of(72));
        assertThat(measurement.status().orElseThrow().raw()).isEqualTo(0x0025);
        assertThat(measurement.status().orElseThrow().bodyMovement()).isTrue();
        assertThat(measurement.status().orElseThrow().improperPosition()).isTrue();
        assertThat(measurement.meanArterialPressure()).contains(SFloat.of(93));
    }

    @Test
    void strictDecoderRefusesABeurerReadingInsteadOfMisplacingItsFields() {
        // Strictly, 0x16 announces 18 bytes; the unflagged user byte makes 19.
        assertThatThrownBy(() -> strict.decodeMeasurement(hex(BEURER_READING)))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessageStartingWith("Blood Pressure Measurement (2A35) payload is 19 bytes but its flags 0x16"
                        + " announce 18 (time stamp, pulse rate, status); the extra byte");
    }

    @Test
    void meanArterialPressureZeroMeansNotMeasured() throws MalformedMeasurementException {
        // 0x00; MAP 0x0000 -> 00 00; user byte FF (unknown user) without its flag
        BloodPressureMeasurement measurement = beurer.decodeMeasurement(hex("00 7800 5000 0000 FF"));

        assertThat(measurement.meanArterialPressure()).isEmpty();
        assertThat(measurement.userId()).isEmpty();
        assertThat(measurement.failed()).isFalse();
    }

    @Test
    void flaggedUserByteIsReadOnce() throws MalformedMeasurementException {
        // 0x08: the user-ID flag set, user 03
        BloodPressureMeasurement measurement = beurer.decodeMeasurement(hex("08 7800 5000 5D00 03"));

        assertThat(measurement.userId()).contains(3);
    }

    @Test
    void payloadWithoutTheUserByteIsShortUnderTheBeurerQuirks() {
        assertThatThrownBy(() -> beurer.decodeMeasurement(hex("00 7800 5000 5D00")))
                .isInstanceOf(MalformedMeasurementException.class)
                .hasMessage("Blood Pressure Measurement (2A35) payload is 7 bytes but its flags 0x00 announce 8"
                        + " under the beurer quirks (user ID)");
    }

    @Test
    void intermediateCuffPressureHasTheSameQuirks() throws MalformedMeasurementException {
        // 0x04 pulse; cuff 140 = 0x008C -> 8C 00; unused NaN, NaN; pulse 72 big-endian -> 00 48; user 01
        IntermediateCuffPressure pressure = beurer.decodeIntermediateCuffPressure(hex("04 8C00 FF07 FF07 0048 01"));

        assertThat(pressure.cuffPressure()).isEqualTo(SFloat.of(140));
        assertThat(pressure.pulseRate()).contains(SFloat.of(72));
        assertThat(pressure.userId()).contains(1);
    }

    @ParameterizedTest(name = "manufacturer \"{0}\", model \"{1}\" -> {2}")
    @CsvSource({
        "Beurer GmbH,         BM54,        BEURER",
        "BEURER,              ,            BEURER",
        "'  beurer ',         ,            BEURER",
        ",                    Beurer BM57, BEURER",
        "OMRON HEALTHCARE,    HEM-7600T,   STRICT",
        "A&D Medical,         UA-651BLE,   STRICT",
        ",                    ,            STRICT",
    })
    void profileIsChosenFromManufacturerAndModel(String manufacturer, String model, QuirksProfile expected) {
        assertThat(QuirksProfile.forDevice(Optional.ofNullable(manufacturer), Optional.ofNullable(model)))
                .isEqualTo(expected);
    }

    @Test
    void profilesAreFoundByNameInAnyCase() {
        assertThat(QuirksProfile.named("beurer")).contains(QuirksProfile.BEURER);
        assertThat(QuirksProfile.named("Beurer")).contains(QuirksProfile.BEURER);
        assertThat(QuirksProfile.named("STRICT")).contains(QuirksProfile.STRICT);
        assertThat(QuirksProfile.named("omron")).isEmpty();
        assertThat(QuirksProfile.ids()).isEqualTo("strict, beurer");
        assertThat(QuirksProfile.BEURER.id()).isEqualTo("beurer");
    }
}
