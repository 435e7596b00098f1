package org.phrhub.gateway.ble.decode;

/** Bits 3-4 of the Measurement Status: how the pulse rate compares with the monitor's limits. */
public enum PulseRateRange {
    IN_RANGE(0b00, "inRange"),
    ABOVE_RANGE(0b01, "aboveRange"),
    BELOW_RANGE(0b10, "belowRange"),
    /**
     * 0b11, reserved for future use. Kept rather than refused: the status only annotates the reading, and a
     * reserved code there is no reason to lose the pressures the monitor measured.
     */
    RESERVED(0b11, "reserved");

    private final int code;
    private final String jsonName;

    PulseRateRange(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    /** The two-bit code, 0..3. */
    public int code() {
        return code;
    }

    public String jsonName() {
        return jsonName;
    }

    public static PulseRateRange ofCode(int twoBits) {
        return switch (twoBits & 0b11) {
            case 0b00 -> IN_RANGE;
            case 0b01 -> ABOVE_RANGE;
            case 0b10 -> BELOW_RANGE;
            default -> RESERVED;
        };
    }
}
