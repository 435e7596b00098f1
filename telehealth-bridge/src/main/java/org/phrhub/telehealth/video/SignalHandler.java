package org.phrhub.telehealth.video;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The signalling of a video visit: each participant's browser joins the visit's room, and what it sends for
 * WebRTC goes to the other participant only. Its media reports go to {@link VisitMedia}.
 */
@Component
class SignalHandler extends TextWebSocketHandler {

    private static final String PEER = SessionPeer.class.getName();

    private final VisitRooms rooms;
    private final VisitMedia media;

    SignalHandler(VisitRooms rooms, VisitMedia media) {
        this.rooms = rooms;
        this.media = media;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (!(session.getAttributes().get(AdmittedParticipant.ATTRIBUTE) instanceof AdmittedParticipant participant)) {
            // Only reachable if the handshake's admission were left out of the configuration.
            session.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        SessionPeer peer = new SessionPeer(participant, session);
        session.getAttributes().put(PEER, peer);
        if (!rooms.join(peer)) {
            session.close(CloseStatus.POLICY_VIOLATION);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        if (!(session.getAttributes().get(PEER) instanceof SessionPeer peer)) {
            return;
        }
        SignalMessages.parse(message.getPayload()).ifPresent(signal -> {
            if (SignalMessages.MEDIA.equals(SignalMessages.type(signal))) {
                report(peer, signal);
            } else {
                SignalMessages.relayable(signal).ifPresent(json -> rooms.relay(peer, json));
            }
        });
    }

    private void report(SessionPeer peer, JsonNode signal) {
        // Alone in the room, nothing received can be from the other participant.
        if (rooms.bothHere(peer)) {
            media.report(peer.participant(), signal.path("remoteVideoFramesDecoded").asLong() > 0,
                    signal.path("remoteAudio").asBoolean(false));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(PEER) instanceof SessionPeer peer) {
            rooms.leave(peer);
        }
    }
}
