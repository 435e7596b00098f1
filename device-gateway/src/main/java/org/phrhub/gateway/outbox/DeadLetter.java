package org.phrhub.gateway.outbox;

import java.time.Instant;

/** A reading the server refused for good, or that cannot be read, kept with the reason for a person to act on. */
public record DeadLetter(OutboxEntry entry, String reason, Instant at) {}
