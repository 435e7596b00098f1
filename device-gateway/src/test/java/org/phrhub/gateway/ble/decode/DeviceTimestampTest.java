package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceTimestampTest {

    @Test
    void knownDateIsALocalDateTime() {
        assertThat(new DeviceTimestamp(2026, 11, 25, 7, 30, 0).toLocalDateTime())
                .contains(LocalDateTime.of(2026, 11, 25, 7, 30, 0));
        assertThat(new DeviceTimestamp(2028, 2, 29, 23, 59, 59).toLocalDateTime())
                .contains(LocalDateTime.of(2028, 2, 29, 23, 59, 59));
        assertThat(new DeviceTimestamp(1582, 1, 1, 0, 0, 0).toLocalDateTime()).isPresent();
        assertThat(new DeviceTimestamp(9999, 12, 31, 0, 0, 0).toLocalDateTime()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "unknown year,        0, 11, 25,  7, 30,  0",
        "unknown month,    2026,  0, 25,  7, 30,  0",
        "unknown day,      2026, 11,  0,  7, 30,  0",
        "before 1582,      1581, 12, 31,  7, 30,  0",
        "after 9999,      10000,  1,  1,  7, 30,  0",
        "month 13,         2026, 13,  1,  7, 30,  0",
        "30 February,      2028,  2, 30,  7, 30,  0",
        "29 February 2026, 2026,  2, 29,  7, 30,  0",
        "31 November,      2026, 11, 31,  7, 30,  0",
        "hour 24,          2026, 11, 25, 24,  0,  0",
        "minute 60,        2026, 11, 25,  7, 60,  0",
        "second 60,        2026, 11, 25,  7, 30, 60",
        "all bits set,    65535,255,255,255,255,255",
    })
    void fieldsThatNameNoMomentGiveNoLocalDateTimeButStayAsSent(
            String what, int year, int month, int day, int hours, int minutes, int seconds) {
        DeviceTimestamp time = new DeviceTimestamp(year, month, day, hours, minutes, seconds);

        assertThat(time.toLocalDateTime()).isEmpty();
        assertThat(time.year()).isEqualTo(year);
        assertThat(time.seconds()).isEqualTo(seconds);
    }

    @Test
    void fieldsBeyondTheirWireSizeAreRefused() {
        assertThatThrownBy(() -> new DeviceTimestamp(65536, 1, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceTimestamp(2026, 256, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceTimestamp(2026, 1, 1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localDateTimeRoundTrips() {
        LocalDateTime time = LocalDateTime.of(2026, 11, 25, 7, 30, 0);

        assertThat(DeviceTimestamp.of(time).toLocalDateTime()).contains(time);
    }
}
