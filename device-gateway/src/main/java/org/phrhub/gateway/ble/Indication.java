package org.phrhub.gateway.ble;

import java.time.Instant;
import java.util.HexFormat;

/**
 * One value a monitor sent on a Blood Pressure Service characteristic, exactly as received.
 *
 * @param characteristic the 16-bit characteristic as four upper-case hex digits: {@code 2A35}
 *     (Blood Pressure Measurement) or {@code 2A36} (Intermediate Cuff Pressure)
 */
public record Indication(String characteristic, byte[] value, Instant receivedAt) {

    public static final String BLOOD_PRESSURE_MEASUREMENT = "2A35";
    public static final String INTERMEDIATE_CUFF_PRESSURE = "2A36";

    public Indication {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String hex() {
        return HexFormat.of().withUpperCase().formatHex(value);
    }
}
