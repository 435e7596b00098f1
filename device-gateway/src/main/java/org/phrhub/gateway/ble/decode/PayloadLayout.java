package org.phrhub.gateway.ble.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fields a 2A35 or 2A36 payload carries, from its flags byte and the quirks of the monitor, and so how long
 * it must be. Bits 5-7 of the flags are reserved for future use and ignored: Bluetooth has senders set reserved bits
 * to 0 and receivers ignore them, so a set bit says nothing about the fields this layout knows.
 */
record PayloadLayout(
        int flags, QuirksProfile profile, boolean timestamp, boolean pulseRate, boolean userId, boolean status) {

    static final int UNIT_KPA = 0x01;
    static final int TIME_STAMP = 0x02;
    static final int PULSE_RATE = 0x04;
    static final int USER_ID = 0x08;
    static final int STATUS = 0x10;

    /** Flags, then three SFLOATs: systolic, diastolic, MAP (for 2A36: cuff pressure and two unused). */
    static final int MINIMUM_LENGTH = 1 + 3 * 2;

    static PayloadLayout of(int flags, QuirksProfile profile) {
        return new PayloadLayout(flags, profile, (flags & TIME_STAMP) != 0, (flags & PULSE_RATE) != 0,
                profile.carriesUserId(flags), (flags & STATUS) != 0);
    }

    PressureUnit unit() {
        return (flags & UNIT_KPA) != 0 ? PressureUnit.KPA : PressureUnit.MMHG;
    }

    int length() {
        return MINIMUM_LENGTH
                + (timestamp ? DeviceTimestamp.LENGTH : 0)
                + (pulseRate ? 2 : 0)
                + (userId ? 1 : 0)
                + (status ? 2 : 0);
    }

    /** For messages: "its flags 0x1E announce 19 (time stamp, pulse rate, user ID, status)". */
    String announcement() {
        List<String> optional = new ArrayList<>();
        if (timestamp) {
            optional.add("time stamp");
        }
        if (pulseRate) {
            optional.add("pulse rate");
        }
        if (userId) {
            optional.add("user ID");
        }
        if (status) {
            optional.add("status");
        }
        String quirks = profile == QuirksProfile.STRICT ? "" : " under the " + profile.id() + " quirks";
        return String.format("its flags 0x%02X announce %d%s (%s)", flags, length(), quirks,
                optional.isEmpty() ? "no optional fields" : String.join(", ", optional));
    }
}
