package org.phrhub.gateway.pairing;

import java.util.Locale;
import java.util.Optional;

/**
 * A monitor (and, on a multi-user monitor, one of its user slots) bound to a patient.
 *
 * @param address the monitor's Bluetooth address
 * @param systemId the monitor's System ID when it reported one
 * @param userId the monitor's user slot; empty binds the readings that carry no user (or the unknown user 0xFF)
 * @param patient e.g. {@code Patient/hanako}
 * @param sensorDevice the server's Device for the monitor, e.g. {@code Device/abc}
 * @param quirks a quirks profile chosen by hand; empty means chosen from the Device Information
 */
public record Binding(
        String address,
        Optional<String> systemId,
        Optional<Integer> userId,
        String patient,
        String sensorDevice,
        Optional<String> quirks) {

    public Binding {
        address = address.toUpperCase(Locale.ROOT);
    }

    /** Whether a reading from this monitor with this user slot belongs to this binding. */
    public boolean covers(String monitorAddress, Optional<Integer> readingUserId) {
        return address.equalsIgnoreCase(monitorAddress) && userId.equals(readingUserId);
    }

    public String describe() {
        return address + userId.map(id -> " user " + id).orElse("") + " -> " + patient;
    }
}
