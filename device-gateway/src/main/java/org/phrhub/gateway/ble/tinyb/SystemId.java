package org.phrhub.gateway.ble.tinyb;

import java.util.HexFormat;
import java.util.Optional;

/**
 * System ID (0x2A23) as the monitor's EUI-64 in the usual most-significant-first order, 16 upper-case hex
 * digits. The characteristic carries the 40-bit manufacturer-defined identifier and then the 24-bit OUI,
 * each least significant byte first, so the EUI-64 (OUI first) is the eight bytes reversed: {@code 01 00 00
 * 00 00 38 C1 A4} is {@code A4C1380000000001}. This is also the IEEE 11073 System-Id a PHD record names.
 */
final class SystemId {

    static final int LENGTH = 8;

    private SystemId() {}

    /** Empty when the value is not the 8 bytes the characteristic defines. */
    static Optional<String> eui64(byte[] value) {
        if (value.length != LENGTH) {
            return Optional.empty();
        }
        byte[] msbFirst = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            msbFirst[i] = value[LENGTH - 1 - i];
        }
        return Optional.of(HexFormat.of().withUpperCase().formatHex(msbFirst));
    }
}
