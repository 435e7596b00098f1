package org.phrhub.telehealth.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Evidence that a video visit really carried video and sound: per appointment and participant, whether that
 * participant's browser ever decoded the other side's video frames and received the other side's audio.
 *
 * <p>Online medication guidance and online diagnosis must be held with both picture and sound, so a
 * pharmacist's guidance is only recorded as online guidance when {@code seenBy(visit, pharmacist)} shows
 * {@link MediaSeen#videoAndAudio()}. Ask about the clinician's own side: it is what they saw and heard of
 * the patient.
 *
 * <p>The browsers report their {@code RTCPeerConnection.getStats()} every few seconds while both
 * participants are connected; reports sent while alone in the room are ignored, since they cannot be of this
 * visit. The evidence is the browser's own report, kept in memory: it is lost when the bridge restarts (the
 * next reports of a visit still going on bring it back) and forgotten a day after a visit's last report.
 */
@Component
public class VisitMedia {

    /** Long after any visit has ended; keeps the map from growing with every visit ever held. */
    static final Duration KEPT_FOR = Duration.ofDays(1);

    private final Clock clock;
    private final Map<Key, Entry> seen = new ConcurrentHashMap<>();

    public VisitMedia(Clock clock) {
        this.clock = clock;
    }

    /**
     * What {@code participantFhirUser} received from the other side of the visit so far.
     *
     * @param appointmentId       the visit's Appointment, e.g. {@code Appointment/visit-1} (as
     *                            {@code ScheduledVisit.appointmentId()}); the bare id {@code visit-1} means the same
     * @param participantFhirUser the participant whose browser received, e.g. {@code Practitioner/ph-ito}
     * @return {@link MediaSeen#NOTHING} when nothing was reported (also for unknown visits or people)
     */
    public MediaSeen seenBy(String appointmentId, String participantFhirUser) {
        Entry entry = seen.get(new Key(qualified(appointmentId), participantFhirUser));
        return entry == null ? MediaSeen.NOTHING : entry.media();
    }

    /** Forgets a visit's evidence, e.g. once its record is written. */
    public void forget(String appointmentId) {
        String id = qualified(appointmentId);
        seen.keySet().removeIf(key -> key.appointmentId().equals(id));
    }

    /** One report of {@code participant}'s browser: did it decode remote video frames, receive remote audio. */
    void report(AdmittedParticipant participant, boolean remoteVideo, boolean remoteAudio) {
        Instant now = clock.instant();
        seen.compute(new Key(qualified(participant.appointmentId()), participant.fhirUser()), (key, entry) ->
                new Entry((entry == null ? MediaSeen.NOTHING : entry.media()).with(remoteVideo, remoteAudio, now), now));
        Instant stale = now.minus(KEPT_FOR);
        seen.values().removeIf(entry -> entry.lastReport().isBefore(stale));
    }

    private static String qualified(String appointmentId) {
        return appointmentId.startsWith("Appointment/") ? appointmentId : "Appointment/" + appointmentId;
    }

    private record Key(String appointmentId, String participant) {}

    private record Entry(MediaSeen media, Instant lastReport) {}
}
