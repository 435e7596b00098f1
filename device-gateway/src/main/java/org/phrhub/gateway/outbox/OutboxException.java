package org.phrhub.gateway.outbox;

import java.io.IOException;

/** The outbox's folder cannot be read or written; nothing that was accepted is lost by this failure. */
public final class OutboxException extends IOException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
