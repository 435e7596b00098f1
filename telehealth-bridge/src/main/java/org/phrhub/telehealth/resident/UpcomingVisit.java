package org.phrhub.telehealth.resident;

import java.time.ZonedDateTime;
import org.phrhub.telehealth.directory.Clinician;
import org.phrhub.telehealth.schedule.ScheduledVisit;

/**
 * One of the resident's appointments on their home page: who they will talk to, and whether they may join.
 *
 * @param opensAt when the join button becomes usable
 */
public record UpcomingVisit(ScheduledVisit visit, Clinician clinician, JoinWindow.State join, ZonedDateTime opensAt) {

    public boolean joinable() {
        return join == JoinWindow.State.OPEN;
    }
}
