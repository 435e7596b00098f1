package org.phrhub.gateway.ble.decode;

import java.nio.ByteOrder;

/** Reads a payload front to back. The caller has checked its length against the layout, so every read fits. */
final class PayloadReader {

    private final byte[] payload;
    private int position;

    PayloadReader(byte[] payload, int position) {
        this.payload = payload;
        this.position = position;
    }

    int uint8() {
        return payload[position++] & 0xFF;
    }

    int uint16(ByteOrder order) {
        int first = uint8();
        int second = uint8();
        return order == ByteOrder.LITTLE_ENDIAN ? first | second << 8 : first << 8 | second;
    }

    SFloat sfloat(ByteOrder order) {
        return SFloat.fromRaw(uint16(order));
    }

    DeviceTimestamp timestamp() {
        return new DeviceTimestamp(uint16(ByteOrder.LITTLE_ENDIAN), uint8(), uint8(), uint8(), uint8(), uint8());
    }
}
