package org.phrhub.gateway.ble.decode;

/**
 * A value from a Blood Pressure Service characteristic does not have the layout the specification (or the chosen
 * quirks profile) gives it. The message says what was received and what was expected.
 */
public class MalformedMeasurementException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMeasurementException(String message) {
        super(message);
    }
}
