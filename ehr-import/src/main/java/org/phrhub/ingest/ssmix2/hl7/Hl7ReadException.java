package org.phrhub.ingest.ssmix2.hl7;

/** A file that is not a readable HL7 v2 message: wrong encoding, truncated, malformed. */
public final class Hl7ReadException extends Exception {

    public Hl7ReadException(String message) {
        super(message);
    }

    public Hl7ReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
