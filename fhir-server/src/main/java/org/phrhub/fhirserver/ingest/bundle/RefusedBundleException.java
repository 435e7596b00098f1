package org.phrhub.fhirserver.ingest.bundle;

/** The bundle cannot be imported as it is; the message says why and what to change. Nothing of it is stored. */
final class RefusedBundleException extends Exception {

    RefusedBundleException(String reason) {
        super(reason);
    }
}
