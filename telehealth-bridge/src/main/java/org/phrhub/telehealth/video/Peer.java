package org.phrhub.telehealth.video;

/** One participant's connection to a room, as the room sees it (a WebSocket in the bridge, a fake in tests). */
interface Peer {

    AdmittedParticipant participant();

    /** Sends one JSON message; a connection that cannot take it any more is closed, not reported to the sender. */
    void send(String json);

    /** Ends the connection because the same person joined again from another tab or device. */
    void closeAsReplaced();
}
