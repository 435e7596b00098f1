package org.phrhub.gateway.ble;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A monitor found by a scan.
 *
 * @param rssi signal strength in dBm; empty when BlueZ knows the monitor from before but did not hear it
 *     during this scan
 */
public record DiscoveredMonitor(String address, Optional<String> name, OptionalInt rssi) {}
