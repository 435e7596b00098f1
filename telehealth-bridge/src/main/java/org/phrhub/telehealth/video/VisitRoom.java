package org.phrhub.telehealth.video;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One visit's room: at most its two participants, one connection each. Every change and every relayed
 * message happens under the room's lock, so each side sees the other's arrival before anything it sends.
 */
final class VisitRoom {

    private final String appointmentId;
    private final Set<String> participants;
    private final Map<String, Peer> present = new HashMap<>();
    private boolean closed;

    /** @param participants the Appointment's two participants, e.g. {@code Patient/hanako} and {@code Practitioner/dr-suzuki} */
    VisitRoom(String appointmentId, Set<String> participants) {
        this.appointmentId = appointmentId;
        this.participants = Set.copyOf(participants);
    }

    /**
     * Lets {@code peer} in: it is told whether the other participant is here, and the other is told it
     * arrived. A connection the same person already had is closed (the newest tab wins).
     *
     * @return false when the room is closed or the peer is not one of its two participants
     */
    synchronized boolean join(Peer peer) {
        AdmittedParticipant who = peer.participant();
        if (closed || !appointmentId.equals(who.appointmentId()) || !participants.contains(who.fhirUser())) {
            return false;
        }
        Peer earlier = present.put(who.fhirUser(), peer);
        if (earlier != null && earlier != peer) {
            earlier.closeAsReplaced();
        }
        Optional<Peer> other = otherThan(who);
        peer.send(SignalMessages.welcome(who.role(), other.isPresent()));
        // Also after a replacement: the other browser's connection was with the old tab and must start afresh.
        other.ifPresent(o -> o.send(SignalMessages.peerJoined()));
        return true;
    }

    /** Takes {@code peer} out (if it is still the current connection of its participant) and tells the other. */
    synchronized void leave(Peer peer) {
        String who = peer.participant().fhirUser();
        if (present.get(who) != peer) {
            return;
        }
        present.remove(who);
        otherThan(peer.participant()).ifPresent(o -> o.send(SignalMessages.peerLeft()));
    }

    /** Passes {@code json} to the other participant; dropped when the sender was replaced or is alone. */
    synchronized void relay(Peer from, String json) {
        if (isCurrent(from)) {
            otherThan(from.participant()).ifPresent(o -> o.send(json));
        }
    }

    /** Whether {@code peer} is its participant's current connection and the other participant is connected too. */
    synchronized boolean bothHere(Peer peer) {
        return isCurrent(peer) && otherThan(peer.participant()).isPresent();
    }

    /** Closes the room if nobody is in it; a closed room admits nobody (the next joiner opens a new one). */
    synchronized boolean closeIfEmpty() {
        if (present.isEmpty()) {
            closed = true;
        }
        return closed;
    }

    private boolean isCurrent(Peer peer) {
        return present.get(peer.participant().fhirUser()) == peer;
    }

    private Optional<Peer> otherThan(AdmittedParticipant who) {
        return Optional.ofNullable(present.get(who.other()));
    }
}
