package org.phrhub.gateway.ble;

import java.time.Duration;

/**
 * How long a session may take.
 *
 * @param connect to find the monitor (discovering it if BlueZ does not know it yet) and resolve its services
 * @param session from connection to the end, for a monitor that keeps the link open
 */
public record CollectTimeouts(Duration connect, Duration session) {

    public static final CollectTimeouts DEFAULT = new CollectTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(5));

    public CollectTimeouts {
        // TinyB reads a zero timeout as "wait forever".
        if (!connect.isPositive() || !session.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive: connect " + connect + ", session " + session);
        }
    }
}
