package org.phrhub.gateway.ble.decode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The characteristics of the Blood Pressure Service (0x1810) whose values this package reads. */
public enum BloodPressureCharacteristic {
    MEASUREMENT(0x2A35, "Blood Pressure Measurement"),
    INTERMEDIATE_CUFF_PRESSURE(0x2A36, "Intermediate Cuff Pressure"),
    FEATURE(0x2A49, "Blood Pressure Feature");

    private final int uuid16;
    private final String title;

    BloodPressureCharacteristic(int uuid16, String title) {
        this.uuid16 = uuid16;
        this.title = title;
    }

    public int uuid16() {
        return uuid16;
    }

    /** The 16-bit UUID as four upper-case hex digits, as {@code Indication.characteristic()} names it. */
    public String hex() {
        return String.format("%04X", uuid16);
    }

    public String title() {
        return title;
    }

    /** For messages: {@code Blood Pressure Measurement (2A35)}. */
    public String describe() {
        return title + " (" + hex() + ")";
    }

    /** By its 16-bit UUID in hex, any case, with or without {@code 0x}: {@code 2A35}, {@code 0x2a36}. */
    public static Optional<BloodPressureCharacteristic> ofHex(String uuid16) {
        String digits = uuid16.strip().toUpperCase(Locale.ROOT);
        String bare = digits.startsWith("0X") ? digits.substring(2) : digits;
        return Arrays.stream(values()).filter(c -> c.hex().equals(bare)).findFirst();
    }
}
