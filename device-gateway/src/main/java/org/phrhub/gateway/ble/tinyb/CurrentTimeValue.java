package org.phrhub.gateway.ble.tinyb;

import java.time.LocalDateTime;

/**
 * The 10-byte Current Time (0x2A2B) value: Exact Time 256 (Date Time, Day of Week, Fractions256) and Adjust
 * Reason. Monitors keep local wall-clock time and stamp readings with it, without a zone, so the gateway
 * writes its own local time.
 */
final class CurrentTimeValue {

    static final int LENGTH = 10;

    /** Adjust Reason bit 0: the time was set from outside the monitor rather than by its own clock source. */
    static final byte MANUAL_TIME_UPDATE = 0x01;

    private CurrentTimeValue() {}

    static byte[] encode(LocalDateTime time) {
        int year = time.getYear();
        return new byte[] {
            (byte) year,
            (byte) (year >> 8),
            (byte) time.getMonthValue(),
            (byte) time.getDayOfMonth(),
            (byte) time.getHour(),
            (byte) time.getMinute(),
            (byte) time.getSecond(),
            (byte) time.getDayOfWeek().getValue(), // 1 = Monday … 7 = Sunday, as java.time counts
            (byte) (time.getNano() * 256L / 1_000_000_000L),
            MANUAL_TIME_UPDATE
        };
    }
}
