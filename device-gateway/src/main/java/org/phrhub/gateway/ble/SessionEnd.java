package org.phrhub.gateway.ble;

/** Why a collecting session stopped. */
public enum SessionEnd {
    /** The monitor ended the link, as monitors do once they have sent what they stored. */
    MONITOR_DISCONNECTED,
    /** The session time limit passed with the link still open; the gateway disconnected. */
    TIME_LIMIT,
    /** A Bluetooth failure after readings may have reached the sink; see {@link SessionReport#problem()}. */
    ERROR
}
