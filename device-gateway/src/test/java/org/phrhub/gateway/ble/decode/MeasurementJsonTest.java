package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.gateway.ble.decode.BloodPressureDecoderTest.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementJsonTest {

    private final BloodPressureDecoder strict = new BloodPressureDecoder(QuirksProfile.STRICT);

    @Test
    void measurementWithEveryFieldIsOneFlatObject() throws MalformedMeasurementException {
        // 0x1E: time stamp, pulse, user, status; see BloodPressureDecoderTest for the derivation
        BloodPressureMeasurement measurement =
                strict.decodeMeasurement(hex("1E 7800 5000 5D00 EA070B19071E00 4800 01 2500"));

        assertThat(MeasurementJson.text(measurement)).isEqualTo("{\"unit\":\"mmHg\",\"systolic\":120,"
                + "\"diastolic\":80,\"map\":93,\"pulse\":72,\"timestamp\":\"2026-11-25T07:30:00\","
                + "\"timestampRaw\":{\"year\":2026,\"month\":11,\"day\":25,\"hours\":7,\"minutes\":30,\"seconds\":0},"
                + "\"userId\":1,\"status\":{\"bodyMovement\":true,\"cuffTooLoose\":false,\"irregularPulse\":true,"
                + "\"pulseRateRange\":\"inRange\",\"improperPosition\":true},\"failed\":false}");
    }

    @Test
    void kpaMeasurementKeepsDevicePrecision() throws MalformedMeasurementException {
        // kPa; systolic 18.9 = 0xF0BD, diastolic 16.0 = 0xF0A0, MAP 12e1 = 0x100C (plain 120, not 1.2E+2)
        String json = MeasurementJson.text(strict.decodeMeasurement(hex("01 BDF0 A0F0 0C10")));

        assertThat(json).contains("\"unit\":\"kPa\"", "\"systolic\":18.9,", "\"diastolic\":16.0,", "\"map\":120,");
        assertThat(json).doesNotContain("18.899", "E+");
        JsonNode systolic = MeasurementJson.of(strict.decodeMeasurement(hex("01 BDF0 A0F0 0C10"))).get("systolic");
        assertThat(systolic.isNumber()).isTrue();
        assertThat(systolic.decimalValue()).isEqualTo("18.9");
    }

    @Test
    void specialValuesAreStringsAndMarkTheMeasurementFailed() throws MalformedMeasurementException {
        // NaN FF 07, NRes 00 08, +INF FE 07; pulse -INF 02 08
        String json = MeasurementJson.text(strict.decodeMeasurement(hex("04 FF07 0008 FE07 0208")));

        assertThat(json).contains("\"systolic\":\"NaN\"", "\"diastolic\":\"NRes\"", "\"map\":\"+INF\"",
                "\"pulse\":\"-INF\"", "\"failed\":true");
    }

    @Test
    void absentFieldsAreNull() throws MalformedMeasurementException {
        JsonNode json = MeasurementJson.of(strict.decodeMeasurement(hex("00 7800 5000 5D00")));

        for (String field : List.of("pulse", "timestamp", "timestampRaw", "userId", "status")) {
            assertThat(json.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void unknownDateHasRawFieldsButNoTimestamp() throws MalformedMeasurementException {
        // year 0 (unknown) -> 00 00
        JsonNode json = MeasurementJson.of(strict.decodeMeasurement(hex("02 7800 5000 5D00 0000 0B 19 07 1E 00")));

        assertThat(json.get("timestamp").isNull()).isTrue();
        assertThat(json.get("timestampRaw").get("year").intValue()).isZero();
        assertThat(json.get("timestampRaw").get("month").intValue()).isEqualTo(11);
    }

    @Test
    void unknownUserIsNull() throws MalformedMeasurementException {
        JsonNode json = MeasurementJson.of(strict.decodeMeasurement(hex("08 7800 5000 5D00 FF")));

        assertThat(json.get("userId").isNull()).isTrue();
    }

    @Test
    void pulseRateRangesAreNamed() throws MalformedMeasurementException {
        assertThat(statusJson("0800").get("pulseRateRange").textValue()).isEqualTo("aboveRange");
        assertThat(statusJson("1000").get("pulseRateRange").textValue()).isEqualTo("belowRange");
        assertThat(statusJson("1800").get("pulseRateRange").textValue()).isEqualTo("reserved");
    }

    @Test
    void mapNotMeasuredIsNull() throws MalformedMeasurementException {
        BloodPressureMeasurement measurement =
                new BloodPressureDecoder(QuirksProfile.BEURER).decodeMeasurement(hex("00 7800 5000 0000 FF"));

        assertThat(MeasurementJson.text(measurement)).contains("\"map\":null", "\"failed\":false");
    }

    @Test
    void cuffPressureHasItsOwnFields() throws MalformedMeasurementException {
        JsonNode json = MeasurementJson.of(strict.decodeIntermediateCuffPressure(hex("04 8C00 FF07 FF07 4800")));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly("unit", "cuffPressure", "pulse", "timestamp", "timestampRaw", "userId", "status");
        assertThat(MeasurementJson.text(json)).startsWith("{\"unit\":\"mmHg\",\"cuffPressure\":140,\"pulse\":72,");
    }

    private JsonNode statusJson(String status) throws MalformedMeasurementException {
        return MeasurementJson.of(strict.decodeMeasurement(hex("10 7800 5000 5D00 " + status))).get("status");
    }
}
