package org.phrhub.telehealth.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HomeReadingsWindowsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void twoWeeksAreOneOpenWindow() {
        assertThat(HomeReadings.windows(TODAY.minusDays(13), TODAY))
                .containsExactly(new HomeReadings.Window(TODAY.minusDays(13), Optional.empty()));
    }

    @Test
    void aYearIsReadInEvenWindowsThatFollowEachOtherWithoutGapOrOverlap() {
        LocalDate firstDay = ChartSpan.ONE_YEAR.firstDay(TODAY);
        List<HomeReadings.Window> windows = HomeReadings.windows(firstDay, TODAY);

        assertThat(windows).hasSize(12);
        assertThat(windows.getFirst().from()).isEqualTo(firstDay);
        for (int i = 0; i + 1 < windows.size(); i++) {
            HomeReadings.Window window = windows.get(i);
            assertThat(window.until()).as("window %d ends where the next begins", i).contains(windows.get(i + 1).from());
            assertThat(ChronoUnit.DAYS.between(window.from(), window.until().orElseThrow()))
                    .isLessThanOrEqualTo(HomeReadings.WINDOW_DAYS);
        }
        HomeReadings.Window last = windows.getLast();
        assertThat(last.until()).as("readings stored after today are still read").isEmpty();
        assertThat(last.from()).isBeforeOrEqualTo(TODAY);
    }

    @Test
    void aSpanStartingTodayIsStillOneWindow() {
        assertThat(HomeReadings.windows(TODAY, TODAY)).containsExactly(new HomeReadings.Window(TODAY, Optional.empty()));
    }
}
