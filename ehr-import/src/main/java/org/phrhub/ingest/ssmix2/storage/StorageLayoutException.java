package org.phrhub.ingest.ssmix2.storage;

/** A file or folder that breaks the SS-MIX2 storage layout; the message says what is wrong. */
public final class StorageLayoutException extends Exception {

    public StorageLayoutException(String message) {
        super(message);
    }

    public StorageLayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
