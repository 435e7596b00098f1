package org.phrhub.gateway.ble;

/** A monitor or the Bluetooth stack could not do what was asked; the message says what to do about it. */
public class MonitorLinkException extends Exception {

    public MonitorLinkException(String message) {
        super(message);
    }

    public MonitorLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
