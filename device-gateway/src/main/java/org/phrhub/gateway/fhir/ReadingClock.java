package org.phrhub.gateway.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;

/**
 * Decides whether a monitor's time stamp can be believed. Home monitors often have unset or drifting
 * clocks (year 0 after a battery change, 2000-01-01, a time in the future); a doctor must never see such
 * a reading at a wrong date, so those readings take the time the gateway received them, and say so.
 */
public final class ReadingClock {

    /** The Bluetooth Blood Pressure Profile dates from 2011: no monitor speaking it measured earlier. */
    public static final LocalDate EARLIEST_PLAUSIBLE = LocalDate.of(2011, 1, 1);
    /** Monitor clocks drift; a few minutes ahead of the gateway is drift, not the future. */
    public static final Duration ALLOWED_AHEAD = Duration.ofMinutes(5);

    private final ZoneId zone;

    public ReadingClock(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public ReadingTime timeOf(Optional<DeviceTimestamp> stamp, Instant receivedAt) {
        OffsetDateTime reception = receivedAt.atZone(zone).toOffsetDateTime();
        if (stamp.isEmpty()) {
            return new ReadingTime(reception, Optional.of("the monitor sent no time stamp"));
        }
        Optional<LocalDateTime> local = stamp.get().toLocalDateTime();
        if (local.isEmpty()) {
            return new ReadingTime(reception, Optional.of("the monitor's clock is not set (time stamp " + describe(stamp.get()) + ")"));
        }
        OffsetDateTime measured = local.get().atZone(zone).toOffsetDateTime();
        if (local.get().toLocalDate().isBefore(EARLIEST_PLAUSIBLE)) {
            return new ReadingTime(reception, Optional.of("the monitor's clock says " + local.get()
                    + ", before such monitors existed"));
        }
        if (measured.toInstant().isAfter(receivedAt.plus(ALLOWED_AHEAD))) {
            return new ReadingTime(reception, Optional.of("the monitor's clock says " + local.get()
                    + ", after the reading was received"));
        }
        return new ReadingTime(measured, Optional.empty());
    }

    private static String describe(DeviceTimestamp stamp) {
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", stamp.year(), stamp.month(), stamp.day(),
                stamp.hours(), stamp.minutes(), stamp.seconds());
    }
}
