package org.phrhub.gateway.ble.fakebluez;

import java.util.List;
import java.util.Locale;

/** The GATT services a fake device offers once connected. */
record GattLayout(List<Service> services) {

    record Service(String uuid, List<Characteristic> characteristics) {}

    /** @param flags BlueZ's names: {@code read}, {@code write}, {@code notify}, {@code indicate} … */
    record Characteristic(String uuid, List<String> flags, byte[] value) {

        Characteristic {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    /** A 16-bit assigned number as the 128-bit lower-case UUID BlueZ names it by. */
    static String uuid(int assignedNumber) {
        return String.format(Locale.ROOT, "0000%04x-0000-1000-8000-00805f9b34fb", assignedNumber);
    }

    List<String> serviceUuids() {
        return services.stream().map(Service::uuid).toList();
    }
}
