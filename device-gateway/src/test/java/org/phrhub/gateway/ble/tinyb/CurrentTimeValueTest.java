package org.phrhub.gateway.ble.tinyb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CurrentTimeValueTest {

    @Test
    void encodesDateTimeDayOfWeekFractionsAndManualAdjustLittleEndian() {
        // Tuesday 15 October 2024, 08:30:05.5
        byte[] value = CurrentTimeValue.encode(LocalDateTime.of(2024, 10, 15, 8, 30, 5, 500_000_000));

        assertThat(HexFormat.of().withUpperCase().formatHex(value)).isEqualTo("E8070A0F081E05028001");
    }

    @Test
    void sundayIsDaySeven() {
        byte[] value = CurrentTimeValue.encode(LocalDateTime.of(2024, 10, 20, 0, 0));

        assertThat(value[7]).isEqualTo((byte) 7);
    }
}
