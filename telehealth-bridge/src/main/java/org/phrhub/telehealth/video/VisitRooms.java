package org.phrhub.telehealth.video;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The rooms of the visits going on now, by appointment id; a room goes when its last participant leaves. */
@Component
class VisitRooms {

    private final Map<String, VisitRoom> rooms = new ConcurrentHashMap<>();

    /** @return false when the peer may not be in the room (see {@link VisitRoom#join}) */
    boolean join(Peer peer) {
        AdmittedParticipant who = peer.participant();
        while (true) {
            VisitRoom room = rooms.computeIfAbsent(who.appointmentId(), id -> new VisitRoom(id, who.participants()));
            if (room.join(peer)) {
                return true;
            }
            if (!room.closeIfEmpty()) {
                return false;
            }
            // The room was emptied and closed while this peer came in: open a new one.
            rooms.remove(who.appointmentId(), room);
        }
    }

    void leave(Peer peer) {
        String id = peer.participant().appointmentId();
        VisitRoom room = rooms.get(id);
        if (room == null) {
            return;
        }
        room.leave(peer);
        if (room.closeIfEmpty()) {
            rooms.remove(id, room);
        }
    }

    void relay(Peer from, String json) {
        VisitRoom room = rooms.get(from.participant().appointmentId());
        if (room != null) {
            room.relay(from, json);
        }
    }

    /** Whether both participants are connected and {@code peer} is its participant's current connection. */
    boolean bothHere(Peer peer) {
        VisitRoom room = rooms.get(peer.participant().appointmentId());
        return room != null && room.bothHere(peer);
    }
}
