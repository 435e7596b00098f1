package org.phrhub.gateway.upload;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.decode.BloodPressureEncoder;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;
import org.phrhub.gateway.ble.decode.MeasurementStatus;
import org.phrhub.gateway.ble.decode.PressureUnit;
import org.phrhub.gateway.ble.decode.PulseRateRange;
import org.phrhub.gateway.ble.decode.SFloat;

/** Monitors with addresses of their own, so each test's readings land on a Device of their own. */
public final class TestMonitors {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.currentTimeMillis() % 50_000));

    private TestMonitors() {}

    public static MonitorInfo fresh() {
        int n = NEXT.incrementAndGet();
        String address = String.format("0A:7E:57:%02X:%02X:%02X", (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF);
        return new MonitorInfo(address, Optional.of("Test monitor " + n), Optional.of("Test Medical"),
                Optional.of("BP-" + n), Optional.of(String.format("0A7E57FFFE%06X", n & 0xFFFFFF)));
    }

    /** {@code count} readings for user slot 1, a minute apart from {@code firstTaken}, sent a second after each. */
    public static List<Indication> readings(int count, LocalDateTime firstTaken, java.time.ZoneId zone) {
        List<Indication> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDateTime taken = firstTaken.plusMinutes(i);
            DeviceTimestamp stamp = new DeviceTimestamp(taken.getYear(), taken.getMonthValue(), taken.getDayOfMonth(),
                    taken.getHour(), taken.getMinute(), taken.getSecond());
            byte[] value = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.of(BigDecimal.valueOf(120 + i % 15)),
                    SFloat.of(BigDecimal.valueOf(78 + i % 7)), SFloat.of(BigDecimal.valueOf(92)), Optional.of(stamp),
                    Optional.of(SFloat.of(BigDecimal.valueOf(64 + i % 9))), Optional.of(1),
                    Optional.of(new MeasurementStatus(false, false, false, PulseRateRange.IN_RANGE, false)));
            Instant received = taken.atZone(zone).toInstant().plusSeconds(1);
            readings.add(new Indication(Indication.BLOOD_PRESSURE_MEASUREMENT, value, received));
        }
        return readings;
    }
}
