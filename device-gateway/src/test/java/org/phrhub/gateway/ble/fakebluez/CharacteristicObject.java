package org.phrhub.gateway.ble.fakebluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * A GATT characteristic of a connected fake device. A notification or indication reaches BlueZ's clients
 * as a {@code PropertiesChanged} of {@code Value}, which is all TinyB listens to.
 */
final class CharacteristicObject extends BluezObject implements BluezApi.GattCharacteristic1 {

    private final DeviceObject device;
    private final String uuid;
    private final List<String> flags;

    CharacteristicObject(FakeBus bus, String path, DeviceObject device, ServiceObject service, GattLayout.Characteristic layout) {
        super(bus, path);
        this.device = device;
        this.uuid = layout.uuid();
        this.flags = layout.flags();
        declare(BluezApi.GATT_CHARACTERISTIC, Map.of(
                "UUID", text(uuid),
                "Service", objectPath(service.dbusPath()),
                "Value", bytes(layout.value()),
                "Notifying", flag(false),
                "Flags", texts(flags)));
    }

    String uuid() {
        return uuid;
    }

    boolean notifying() {
        return (Boolean) property(BluezApi.GATT_CHARACTERISTIC, "Notifying").getValue();
    }

    /** Sends a value to subscribed clients; false when nobody is subscribed (any more). */
    boolean send(byte[] value) {
        if (!device.connected() || !notifying()) {
            return false;
        }
        set(BluezApi.GATT_CHARACTERISTIC, "Value", bytes(value));
        return true;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        requireConnected();
        require("read");
        return (byte[]) property(BluezApi.GATT_CHARACTERISTIC, "Value").getValue();
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
        requireConnected();
        if (!flags.contains("write") && !flags.contains("write-without-response")) {
            throw error("org.bluez.Error.NotPermitted", "Write not permitted");
        }
        device.written(this, value);
    }

    @Override
    public void StartNotify() {
        requireConnected();
        if (!flags.contains("notify") && !flags.contains("indicate")) {
            throw error("org.bluez.Error.NotSupported", "Operation is not supported");
        }
        if (!notifying()) {
            set(BluezApi.GATT_CHARACTERISTIC, "Notifying", flag(true));
            device.subscribed(this);
        }
    }

    @Override
    public void StopNotify() {
        if (notifying()) {
            set(BluezApi.GATT_CHARACTERISTIC, "Notifying", flag(false));
        }
    }

    private void requireConnected() {
        if (!device.connected()) {
            throw error("org.bluez.Error.NotConnected", "Not Connected");
        }
    }

    private void require(String flag) {
        if (!flags.contains(flag)) {
            throw error("org.bluez.Error.NotPermitted", "Operation not permitted: no '" + flag + "' flag");
        }
    }
}
