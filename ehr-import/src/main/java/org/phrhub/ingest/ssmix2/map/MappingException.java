package org.phrhub.ingest.ssmix2.map;

/** A message that is valid HL7 but lacks or garbles what its data type must carry; nothing of it is imported. */
public final class MappingException extends Exception {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
