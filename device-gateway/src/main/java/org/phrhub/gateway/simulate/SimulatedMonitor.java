package org.phrhub.gateway.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.decode.BloodPressureEncoder;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;
import org.phrhub.gateway.ble.decode.MeasurementStatus;
import org.phrhub.gateway.ble.decode.PressureUnit;
import org.phrhub.gateway.ble.decode.PulseRateRange;
import org.phrhub.gateway.ble.decode.SFloat;

/**
 * A home blood-pressure monitor without Bluetooth, for the demo and tests: a morning and an evening
 * reading every day, somewhat higher in the morning, with an occasional failed measurement (the cuff
 * moved). Each reading is encoded as the real monitor would send it (0x2A35), so it travels the same
 * path as a real one: outbox, decoder, mapping, upload.
 *
 * <p>Readings are a function of their date and slot: simulating the same days again yields the same
 * bytes, which the hub recognises as already stored.
 */
public final class SimulatedMonitor {

    public static final MonitorInfo MONITOR = new MonitorInfo("02:50:48:52:00:01", Optional.of("PHR Hub simulated monitor"),
            Optional.of("PHR Hub"), Optional.of("Simulated BP-1"), Optional.of("0250480000000001"));

    /** One failed measurement in this many. */
    private static final int FAILURE_ONE_IN = 20;

    private final ZoneId zone;
    private final long seed;

    public SimulatedMonitor(ZoneId zone, long seed) {
        this.zone = zone;
        this.seed = seed;
    }

    /** The morning and evening readings of the {@code days} days up to {@code now}, oldest first, none in the future. */
    public List<Indication> history(int days, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Indication> readings = new ArrayList<>();
        for (LocalDate day = today.minusDays(days); !day.isAfter(today); day = day.plusDays(1)) {
            for (int slot = 0; slot < 2; slot++) {
                Random random = new Random(seed * 31 + day.toEpochDay() * 2 + slot);
                LocalTime base = slot == 0 ? LocalTime.of(7, 0) : LocalTime.of(21, 0);
                LocalDateTime takenAt = day.atTime(base.plusMinutes(random.nextInt(40) - 20)).withSecond(random.nextInt(60));
                Instant instant = takenAt.atZone(zone).toInstant();
                if (instant.isAfter(now)) {
                    continue;
                }
                // Sent when the monitor next met the gateway: a few seconds after the measurement.
                readings.add(reading(takenAt, slot == 0, random, instant.plusSeconds(5)));
            }
        }
        return readings;
    }

    /** A reading taken now, as a monitor sends it right after measuring. */
    public Indication now(Instant now) {
        LocalDateTime takenAt = now.atZone(zone).toLocalDateTime().withNano(0);
        return reading(takenAt, takenAt.getHour() < 12, new Random(seed ^ now.getEpochSecond()), now);
    }

    private static Indication reading(LocalDateTime takenAt, boolean morning, Random random, Instant receivedAt) {
        DeviceTimestamp stamp = new DeviceTimestamp(takenAt.getYear(), takenAt.getMonthValue(), takenAt.getDayOfMonth(),
                takenAt.getHour(), takenAt.getMinute(), takenAt.getSecond());
        byte[] value;
        if (random.nextInt(FAILURE_ONE_IN) == 0) {
            MeasurementStatus moved = new MeasurementStatus(true, false, false, PulseRateRange.IN_RANGE, false);
            value = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.NAN, SFloat.NAN, SFloat.NAN,
                    Optional.of(stamp), Optional.of(SFloat.NAN), Optional.of(1), Optional.of(moved));
        } else {
            int systolic = (int) Math.round(126 + (morning ? 8 : 0) + random.nextGaussian() * 7);
            int diastolic = (int) Math.round(80 + (morning ? 4 : 0) + random.nextGaussian() * 5);
            int pulse = (int) Math.round(68 + random.nextGaussian() * 6);
            BigDecimal mean = BigDecimal.valueOf(diastolic * 3L + (systolic - diastolic)).divide(BigDecimal.valueOf(3), 0,
                    java.math.RoundingMode.HALF_UP);
            boolean irregular = random.nextInt(30) == 0;
            MeasurementStatus status = new MeasurementStatus(false, false, irregular, PulseRateRange.IN_RANGE, false);
            value = BloodPressureEncoder.measurement(PressureUnit.MMHG, SFloat.of(BigDecimal.valueOf(systolic)),
                    SFloat.of(BigDecimal.valueOf(diastolic)), SFloat.of(mean), Optional.of(stamp),
                    Optional.of(SFloat.of(BigDecimal.valueOf(pulse))), Optional.of(1), Optional.of(status));
        }
        return new Indication(Indication.BLOOD_PRESSURE_MEASUREMENT, value, receivedAt);
    }
}
