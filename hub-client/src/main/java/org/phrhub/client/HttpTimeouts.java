package org.phrhub.client;

import java.time.Duration;

/**
 * How long a call to the hub or to Keycloak may take: to connect, and to wait for each part of the
 * answer. Every client here has both, so an unreachable or stuck server is an error, never a hang.
 */
public record HttpTimeouts(Duration connect, Duration read) {

    public HttpTimeouts {
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, not connect " + connect + " and read " + read);
        }
    }

    public int connectMillis() {
        return Math.toIntExact(connect.toMillis());
    }

    public int readMillis() {
        return Math.toIntExact(read.toMillis());
    }
}
