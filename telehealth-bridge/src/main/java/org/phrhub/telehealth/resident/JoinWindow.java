package org.phrhub.telehealth.resident;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.phrhub.telehealth.schedule.ScheduledVisit;

/**
 * When a resident may join their video visit: from shortly before its start until its end, as a waiting
 * room opens. Before that the button is shown but disabled, with the time it opens.
 */
public final class JoinWindow {

    /** How long before the start the resident may join and wait for the clinician. */
    public static final Duration OPENS_BEFORE = Duration.ofMinutes(10);

    private static final Set<String> CALLED_OFF = Set.of("cancelled", "noshow", "entered-in-error");

    public enum State {
        NOT_YET,
        OPEN,
        OVER,
        DONE,
        CANCELLED
    }

    private JoinWindow() {}

    public static State of(ScheduledVisit visit, Instant now) {
        if (visit.isFulfilled()) {
            return State.DONE;
        }
        if (CALLED_OFF.contains(visit.status())) {
            return State.CANCELLED;
        }
        if (now.isBefore(visit.start().toInstant().minus(OPENS_BEFORE))) {
            return State.NOT_YET;
        }
        return now.isBefore(visit.end().toInstant()) ? State.OPEN : State.OVER;
    }
}
