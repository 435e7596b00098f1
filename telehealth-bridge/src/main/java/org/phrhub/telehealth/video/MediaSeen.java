package org.phrhub.telehealth.video;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one participant's browser received from the other during a visit: whether it ever decoded the
 * other's video and received the other's audio, and when it first did.
 *
 * @param video         remote video frames were decoded at least once
 * @param audio         remote audio was received at least once
 * @param firstVideoAt  when the browser first reported remote video frames; present exactly when {@code video}
 * @param firstAudioAt  when the browser first reported remote audio; present exactly when {@code audio}
 */
public record MediaSeen(boolean video, boolean audio, Optional<Instant> firstVideoAt, Optional<Instant> firstAudioAt) {

    /** Nothing received (yet), or no such visit or participant. */
    public static final MediaSeen NOTHING = new MediaSeen(false, false, Optional.empty(), Optional.empty());

    public MediaSeen {
        Objects.requireNonNull(firstVideoAt);
        Objects.requireNonNull(firstAudioAt);
        if (video != firstVideoAt.isPresent() || audio != firstAudioAt.isPresent()) {
            throw new IllegalArgumentException("A medium is seen exactly when its first moment is known");
        }
    }

    /** Both video and audio: what an online visit needs to count as one held with video and sound. */
    public boolean videoAndAudio() {
        return video && audio;
    }

    /** When both had been received: the later of the two first moments; empty unless {@link #videoAndAudio()}. */
    public Optional<Instant> bothSince() {
        if (!videoAndAudio()) {
            return Optional.empty();
        }
        Instant v = firstVideoAt.orElseThrow();
        Instant a = firstAudioAt.orElseThrow();
        return Optional.of(v.isAfter(a) ? v : a);
    }

    /** This evidence with a new report added; what was seen stays seen. */
    MediaSeen with(boolean videoNow, boolean audioNow, Instant at) {
        Optional<Instant> v = firstVideoAt.isPresent() || !videoNow ? firstVideoAt : Optional.of(at);
        Optional<Instant> a = firstAudioAt.isPresent() || !audioNow ? firstAudioAt : Optional.of(at);
        return new MediaSeen(v.isPresent(), a.isPresent(), v, a);
    }
}
