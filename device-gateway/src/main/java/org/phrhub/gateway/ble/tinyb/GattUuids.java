package org.phrhub.gateway.ble.tinyb;

import java.util.Locale;

/**
 * The Bluetooth SIG's 16-bit numbers this transport uses, as the 128-bit lower-case strings BlueZ names
 * services and characteristics by (TinyB matches them as exact strings).
 */
final class GattUuids {

    static final String DEVICE_INFORMATION = of(0x180A);
    static final String MANUFACTURER_NAME = of(0x2A29);
    static final String MODEL_NUMBER = of(0x2A24);
    static final String SYSTEM_ID = of(0x2A23);

    static final String BLOOD_PRESSURE = of(0x1810);
    static final String BLOOD_PRESSURE_MEASUREMENT = of(0x2A35);
    static final String INTERMEDIATE_CUFF_PRESSURE = of(0x2A36);
    static final String BLOOD_PRESSURE_FEATURE = of(0x2A49);

    static final String CURRENT_TIME_SERVICE = of(0x1805);
    static final String CURRENT_TIME = of(0x2A2B);

    private GattUuids() {}

    static String of(int assignedNumber) {
        return String.format(Locale.ROOT, "0000%04x-0000-1000-8000-00805f9b34fb", assignedNumber);
    }

    static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }
}
