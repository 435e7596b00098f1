package org.phrhub.consent.decision;

/** Whether a request reads data or writes it; Consents may permit one and not the other. */
public enum AccessKind {
    READ,
    WRITE
}
