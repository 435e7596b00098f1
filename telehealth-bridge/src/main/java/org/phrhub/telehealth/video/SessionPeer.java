package org.phrhub.telehealth.video;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** A participant's WebSocket as a room's peer; sends from several threads are queued, as WebSocket sessions need. */
final class SessionPeer implements Peer {

    /** The close code the page reads as "you joined again elsewhere" (4000–4999 are the application's own). */
    static final CloseStatus REPLACED = new CloseStatus(4001, "Joined again from another tab or device");

    private static final Logger log = LoggerFactory.getLogger(SessionPeer.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final AdmittedParticipant participant;
    private final WebSocketSession session;

    SessionPeer(AdmittedParticipant participant, WebSocketSession session) {
        this.participant = participant;
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
    }

    @Override
    public AdmittedParticipant participant() {
        return participant;
    }

    @Override
    public void send(String json) {
        try {
            session.sendMessage(new TextMessage(json));
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {}'s signalling connection that no longer takes messages: {}", participant.fhirUser(), e.getMessage());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    @Override
    public void closeAsReplaced() {
        close(REPLACED);
    }

    private void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("{}'s signalling connection did not close cleanly: {}", participant.fhirUser(), e.getMessage());
        }
    }
}
