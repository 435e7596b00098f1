package org.phrhub.gateway.cli;

/** The user asked for something that cannot be done as asked; the message says what to change. */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
