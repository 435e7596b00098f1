package org.phrhub.gateway.upload;

/**
 * An upload that did not go through, and whether trying again can help. Only {@link Kind#REJECTED}
 * is about the readings themselves; the other kinds keep the readings in the outbox.
 */
public final class UploadException extends Exception {

    public enum Kind {
        /** The server or Keycloak is down or overloaded: retry with backoff. */
        UNAVAILABLE,
        /** Credentials or roles are wrong: retry (slowly) until an operator fixes them. */
        MISCONFIGURED,
        /** The server refused the content for good. */
        REJECTED
    }

    private final Kind kind;

    private UploadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static UploadException unavailable(String message) {
        return new UploadException(Kind.UNAVAILABLE, message);
    }

    public static UploadException misconfigured(String message) {
        return new UploadException(Kind.MISCONFIGURED, message);
    }

    public static UploadException rejected(String message) {
        return new UploadException(Kind.REJECTED, message);
    }

    public Kind kind() {
        return kind;
    }
}
