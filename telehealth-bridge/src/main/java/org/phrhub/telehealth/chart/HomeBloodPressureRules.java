package org.phrhub.telehealth.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.phrhub.telehealth.config.BridgeProperties;

/**
 * How home blood pressure is read in Japanese care (JSH 2019, configurable): which readings are morning
 * and which evening, their 7-day averages, and the lines they are judged against.
 */
public final class HomeBloodPressureRules {

    private final BridgeProperties.HomeBloodPressure settings;

    public HomeBloodPressureRules(BridgeProperties.HomeBloodPressure settings) {
        this.settings = settings;
    }

    public BridgeProperties.HomeBloodPressure settings() {
        return settings;
    }

    public Occasion occasionOf(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        if (within(time, settings.morningFrom(), settings.morningUntil())) {
            return Occasion.MORNING;
        }
        if (within(time, settings.eveningFrom(), settings.eveningUntil())) {
            return Occasion.EVENING;
        }
        return Occasion.OTHER;
    }

    /**
     * The day an evening reading belongs to: one taken after midnight, before bed, is the previous
     * evening's.
     */
    public LocalDate dayOf(HomeReading reading) {
        LocalDateTime local = reading.local();
        boolean afterMidnight = reading.occasion() == Occasion.EVENING
                && settings.eveningUntil().isBefore(settings.eveningFrom())
                && local.toLocalTime().isBefore(settings.eveningUntil());
        return afterMidnight ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /**
     * The average of one occasion over the {@code averageDays} days up to and including {@code lastDay},
     * judged against the target for a patient of {@code ageYears}.
     */
    public HomeAverage average(Occasion occasion, Collection<HomeReading> readings, LocalDate lastDay, OptionalInt ageYears) {
        LocalDate firstDay = lastDay.minusDays(settings.averageDays() - 1L);
        List<HomeReading> counted = readings.stream()
                .filter(HomeReading::countsForAverage)
                .filter(r -> r.occasion() == occasion)
                .filter(r -> !dayOf(r).isBefore(firstDay) && !dayOf(r).isAfter(lastDay))
                .toList();
        int days = (int) counted.stream().map(this::dayOf).distinct().count();
        List<String> ids = counted.stream().map(HomeReading::observationId).toList();
        if (days < settings.minimumDaysWithReadings()) {
            return new HomeAverage(occasion, firstDay, lastDay, days, counted.size(), ids, Optional.empty(), Optional.empty(),
                    HomeAverage.Judgement.TOO_FEW_READINGS);
        }
        BigDecimal systolic = mean(counted.stream().map(r -> r.systolic().orElseThrow()).toList());
        BigDecimal diastolic = mean(counted.stream().map(r -> r.diastolic().orElseThrow()).toList());
        return new HomeAverage(occasion, firstDay, lastDay, days, counted.size(), ids, Optional.of(systolic),
                Optional.of(diastolic), judge(systolic, diastolic, ageYears));
    }

    /** The target for a patient of this age; the under-75 one when the age is not known. */
    public Target targetFor(OptionalInt ageYears) {
        boolean older = ageYears.isPresent() && ageYears.getAsInt() >= settings.targetAgeFrom();
        return older
                ? new Target(settings.targetFromAgeSystolic(), settings.targetFromAgeDiastolic(), true)
                : new Target(settings.targetSystolic(), settings.targetDiastolic(), false);
    }

    private HomeAverage.Judgement judge(BigDecimal systolic, BigDecimal diastolic, OptionalInt ageYears) {
        if (systolic.compareTo(BigDecimal.valueOf(settings.hypertensionSystolic())) >= 0
                || diastolic.compareTo(BigDecimal.valueOf(settings.hypertensionDiastolic())) >= 0) {
            return HomeAverage.Judgement.HYPERTENSION;
        }
        Target target = targetFor(ageYears);
        return systolic.compareTo(BigDecimal.valueOf(target.systolic())) < 0
                && diastolic.compareTo(BigDecimal.valueOf(target.diastolic())) < 0
                ? HomeAverage.Judgement.AT_TARGET
                : HomeAverage.Judgement.ABOVE_TARGET;
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), 1, RoundingMode.HALF_UP);
    }

    private static boolean within(LocalTime time, LocalTime from, LocalTime until) {
        return from.isBefore(until)
                ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until); // a window across midnight
    }

    /** @param fromAge whether this is the target from {@code targetAgeFrom} years */
    public record Target(int systolic, int diastolic, boolean fromAge) {}
}
