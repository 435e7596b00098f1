package org.phrhub.gateway.ble;

import java.util.Optional;

/**
 * What the link and the Device Information Service (0x180A) tell about a monitor.
 *
 * @param address Bluetooth address, upper case with colons ({@code A4:C1:38:00:00:01})
 * @param systemId System ID (0x2A23) as 16 upper-case hex digits, the monitor's EUI-64, when it has one
 */
public record MonitorInfo(
        String address,
        Optional<String> name,
        Optional<String> manufacturer,
        Optional<String> model,
        Optional<String> systemId) {

    public MonitorInfo {
        address = address.toUpperCase(java.util.Locale.ROOT);
    }
}
