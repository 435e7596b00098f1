package org.phrhub.telehealth.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.config.BridgeProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class HomeBloodPressureRulesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private final HomeBloodPressureRules rules = new HomeBloodPressureRules(jsh2019());

    @Test
    void morningAndEveningAreAveragedApartOverTheLastSevenDays() {
        List<HomeReading> readings = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            readings.add(reading(TODAY.minusDays(day), LocalTime.of(6, 30), 140 + day, 88));
            readings.add(reading(TODAY.minusDays(day), LocalTime.of(22, 0), 120, 70 + day));
        }
        readings.add(reading(TODAY.minusDays(7), LocalTime.of(6, 30), 200, 120)); // the eighth day back: not counted

        HomeAverage morning = rules.average(Occasion.MORNING, readings, TODAY, OptionalInt.of(68));
        HomeAverage evening = rules.average(Occasion.EVENING, readings, TODAY, OptionalInt.of(68));

        assertThat(morning.systolic()).contains(new BigDecimal("143.0"));
        assertThat(morning.diastolic()).contains(new BigDecimal("88.0"));
        assertThat(morning.readings()).isEqualTo(7);
        assertThat(morning.judgement()).isEqualTo(HomeAverage.Judgement.HYPERTENSION);
        assertThat(evening.systolic()).contains(new BigDecimal("120.0"));
        assertThat(evening.diastolic()).contains(new BigDecimal("73.0"));
        assertThat(evening.judgement()).isEqualTo(HomeAverage.Judgement.AT_TARGET);
    }

    @Test
    void fewerThanFiveDaysWithReadingsGiveNoAverage() {
        List<HomeReading> readings = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            readings.add(reading(TODAY.minusDays(day), LocalTime.of(7, 0), 130, 80));
            readings.add(reading(TODAY.minusDays(day), LocalTime.of(7, 5), 128, 78)); // two a morning: still one day
        }
        HomeAverage morning = rules.average(Occasion.MORNING, readings, TODAY, OptionalInt.empty());
        assertThat(morning.enough()).isFalse();
        assertThat(morning.daysWithReadings()).isEqualTo(4);
        assertThat(morning.readings()).isEqualTo(8);
        assertThat(morning.systolic()).isEmpty();
    }

    @Test
    void failedReadingsAndReadingsOnTheReceptionClockAreShownButNotAveraged() {
        List<HomeReading> readings = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            readings.add(reading(TODAY.minusDays(day), LocalTime.of(7, 0), 130, 80));
        }
        readings.add(new HomeReading("Observation/failed", at(TODAY, LocalTime.of(7, 10)), TODAY.atTime(7, 10), Occasion.MORNING,
                Optional.empty(), Optional.empty(), Optional.empty(), true, false, false, false));
        readings.add(new HomeReading("Observation/reception", at(TODAY, LocalTime.of(7, 20)), TODAY.atTime(7, 20), Occasion.MORNING,
                Optional.of(BigDecimal.valueOf(190)), Optional.of(BigDecimal.valueOf(110)), Optional.empty(), false, false, false, true));

        HomeAverage morning = rules.average(Occasion.MORNING, readings, TODAY, OptionalInt.empty());

        assertThat(morning.readings()).isEqualTo(5);
        assertThat(morning.readingIds()).doesNotContain("Observation/failed", "Observation/reception");
        assertThat(morning.systolic()).contains(new BigDecimal("130.0"));
        assertThat(morning.judgement()).isEqualTo(HomeAverage.Judgement.ABOVE_TARGET); // 130/80 is above 125/75
    }

    @Test
    void theTargetFromSeventyFiveIsOneThirtyFiveOverEightyFive() {
        assertThat(rules.targetFor(OptionalInt.of(74))).isEqualTo(new HomeBloodPressureRules.Target(125, 75, false));
        assertThat(rules.targetFor(OptionalInt.of(75))).isEqualTo(new HomeBloodPressureRules.Target(135, 85, true));
        assertThat(rules.targetFor(OptionalInt.empty())).isEqualTo(new HomeBloodPressureRules.Target(125, 75, false));
    }

    @Test
    void anEveningReadingAfterMidnightBelongsToThePreviousEvening() {
        HomeReading late = reading(TODAY, LocalTime.of(0, 40), 120, 70);
        assertThat(late.occasion()).isEqualTo(Occasion.EVENING);
        assertThat(rules.dayOf(late)).isEqualTo(TODAY.minusDays(1));
        assertThat(rules.occasionOf(TODAY.atTime(14, 0))).isEqualTo(Occasion.OTHER);
    }

    private HomeReading reading(LocalDate day, LocalTime time, int systolic, int diastolic) {
        LocalDateTime local = day.atTime(time);
        return new HomeReading("Observation/" + day + "-" + time, at(day, time), local, rules.occasionOf(local),
                Optional.of(BigDecimal.valueOf(systolic)), Optional.of(BigDecimal.valueOf(diastolic)), Optional.of(BigDecimal.valueOf(70)),
                false, false, false, false);
    }

    private static java.time.Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(TOKYO).toInstant();
    }

    /** The defaults exactly as the application binds them. */
    private static BridgeProperties.HomeBloodPressure jsh2019() {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("phrhub.bridge.fhir-base-url", "http://localhost/fhir")))
                .bind("phrhub.bridge", Bindable.of(BridgeProperties.class)).get().homeBloodPressure();
    }
}
