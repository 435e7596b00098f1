package org.phrhub.gateway.ble;

import java.util.Optional;

/**
 * What one collecting session did.
 *
 * @param bloodPressureFeature Blood Pressure Feature (0x2A49) exactly as read; empty when the monitor has none
 * @param measurements Blood Pressure Measurement (0x2A35) values handed to the sink
 * @param intermediateCuffPressures Intermediate Cuff Pressure (0x2A36) values handed to the sink
 * @param problem what went wrong, when {@code end} is {@link SessionEnd#ERROR}
 */
public record SessionReport(
        MonitorInfo monitor,
        Optional<byte[]> bloodPressureFeature,
        ClockSetting clock,
        int measurements,
        int intermediateCuffPressures,
        SessionEnd end,
        Optional<String> problem) {

    public SessionReport {
        bloodPressureFeature = bloodPressureFeature.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> bloodPressureFeature() {
        return bloodPressureFeature.map(byte[]::clone);
    }
}
