package org.phrhub.fhirserver.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.phrhub.testsupport.fhir.R4Validation;

/** The demo's online visits follow the day they are seeded on, and are the same for the same day. */
class DemoVisitScheduleTest {

    private static final LocalDate LATER_DAY = LocalDate.of(2027, 3, 5);

    @Test
    void aLaterDayMovesTheVisitsAndTheConsentToThatDay() {
        List<Appointment> appointments = DemoVisitSchedule.appointments(LATER_DAY);
        Consent consent = DemoVisitSchedule.visitConsent(LATER_DAY);

        assertThat(appointments).extracting(a -> a.getStartElement().getValueAsString()).containsExactly(
                "2027-03-05T10:00:00+09:00", "2027-03-05T11:00:00+09:00", "2027-03-05T14:00:00+09:00",
                "2027-03-05T15:00:00+09:00", "2027-03-06T10:00:00+09:00");
        assertThat(consent.getProvision().getPeriod().getStartElement().getValueAsString()).isEqualTo("2027-03-05T00:00:00+09:00");
        assertThat(consent.getProvision().getPeriod().getEndElement().getValueAsString()).isEqualTo("2027-04-04T23:59:59+09:00");
        R4Validation.assertValid(appointments);
        R4Validation.assertValid(List.of(consent));
    }

    @Test
    void theSameDayGivesTheSameResources() {
        String first = R4Validation.json(DemoVisitSchedule.visitConsent(LATER_DAY))
                + DemoVisitSchedule.appointments(LATER_DAY).stream().map(R4Validation::json).toList();
        String again = R4Validation.json(DemoVisitSchedule.visitConsent(LATER_DAY))
                + DemoVisitSchedule.appointments(LATER_DAY).stream().map(R4Validation::json).toList();

        assertThat(again).isEqualTo(first);
    }
}
