package org.phrhub.telehealth.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The signed-in person's online appointments: today's and the coming days'. */
public record DayList(LocalDate today, List<ScheduledVisit> todays, List<ScheduledVisit> upcoming, Set<String> sharingPatients) {

    public boolean shares(ScheduledVisit visit) {
        return sharingPatients.contains(visit.patient());
    }
}
