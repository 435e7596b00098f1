package org.phrhub.gateway.ble.decode;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A Date Time (0x2A08) as the monitor sent it: the monitor's local wall-clock time, no time zone. All six fields are
 * kept as received, even when they name no real moment, so that nothing the monitor said is lost.
 *
 * @param year 1582..9999, or 0 when the monitor does not know it (sent as uint16 little-endian)
 * @param month 1..12, or 0 when unknown
 * @param day 1..31, or 0 when unknown
 */
public record DeviceTimestamp(int year, int month, int day, int hours, int minutes, int seconds) {

    /** The size of a Date Time on the air. */
    public static final int LENGTH = 7;

    private static final int FIRST_YEAR = 1582;
    private static final int LAST_YEAR = 9999;

    public DeviceTimestamp {
        requireFits("year", year, 0xFFFF);
        requireFits("month", month, 0xFF);
        requireFits("day", day, 0xFF);
        requireFits("hours", hours, 0xFF);
        requireFits("minutes", minutes, 0xFF);
        requireFits("seconds", seconds, 0xFF);
    }

    public static DeviceTimestamp of(LocalDateTime time) {
        return new DeviceTimestamp(time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(),
                time.getMinute(), time.getSecond());
    }

    /**
     * The moment on the monitor's clock; empty when the year, month or day is 0 (unknown) or any field is outside
     * what a Date Time allows (years 1582..9999, a day the month has, 00:00:00..23:59:59).
     */
    public Optional<LocalDateTime> toLocalDateTime() {
        if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth() || hours > 23 || minutes > 59 || seconds > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(year, month, day, hours, minutes, seconds));
    }

    private static void requireFits(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(
                    "a Date Time's " + field + " is sent as an unsigned number up to " + max + "; got " + value);
        }
    }
}
