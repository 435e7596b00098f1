package org.phrhub.gateway.ble.fakebluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** A primary GATT service of a connected fake device. */
final class ServiceObject extends BluezObject implements BluezApi.GattService1 {

    ServiceObject(FakeBus bus, String path, DeviceObject device, String uuid) {
        super(bus, path);
        declare(BluezApi.GATT_SERVICE, Map.of(
                "UUID", text(uuid),
                "Device", objectPath(device.dbusPath()),
                "Primary", flag(true),
                "Includes", new Variant<>(new DBusPath[0], "ao")));
    }
}
