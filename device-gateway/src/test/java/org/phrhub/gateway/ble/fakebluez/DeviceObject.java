package org.phrhub.gateway.ble.fakebluez;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code /org/bluez/hci0/dev_XX_…}: a device in range. Connecting exports its GATT services and then sets
 * {@code ServicesResolved}; losing the link removes them again, as BlueZ does for a device it has not bonded
 * with.
 */
final class DeviceObject extends BluezObject implements BluezApi.Device1 {

    /** What a device does when a client uses its characteristics. */
    interface Peripheral {
        /** Does nothing: a device that only serves its characteristics' values. */
        Peripheral PASSIVE = new Peripheral() {
            @Override
            public void subscribed(CharacteristicObject characteristic) {}

            @Override
            public void written(CharacteristicObject characteristic, byte[] value) {}
        };

        void subscribed(CharacteristicObject characteristic);

        void written(CharacteristicObject characteristic, byte[] value);
    }

    private final String address;
    private final GattLayout layout;
    private final Peripheral peripheral;
    /** This connection's services and characteristics, in the order exported; guarded by {@code this}. */
    private final List<BluezObject> gatt = new ArrayList<>();

    DeviceObject(FakeBus bus, String address, String name, int rssi, GattLayout layout, Peripheral peripheral) {
        super(bus, AdapterObject.PATH + "/dev_" + address.toUpperCase(Locale.ROOT).replace(':', '_'));
        this.address = address.toUpperCase(Locale.ROOT);
        this.layout = layout;
        this.peripheral = peripheral;
        declare(BluezApi.DEVICE, Map.ofEntries(
                Map.entry("Address", text(this.address)),
                Map.entry("Name", text(name)),
                Map.entry("Alias", text(name)),
                Map.entry("Class", uint32(0)),
                Map.entry("Appearance", uint16(0)),
                Map.entry("Icon", text("")),
                Map.entry("Paired", flag(false)),
                Map.entry("Trusted", flag(false)),
                Map.entry("Blocked", flag(false)),
                Map.entry("LegacyPairing", flag(false)),
                Map.entry("RSSI", int16(rssi)),
                Map.entry("Connected", flag(false)),
                Map.entry("UUIDs", texts(layout.serviceUuids())),
                Map.entry("Modalias", text("")),
                Map.entry("Adapter", objectPath(new DBusPath(AdapterObject.PATH))),
                Map.entry("ServicesResolved", flag(false)),
                Map.entry("TxPower", int16(0)),
                Map.entry("ManufacturerData", new Variant<>(new HashMap<UInt16, Variant<?>>(), "a{qv}")),
                Map.entry("ServiceData", new Variant<>(new HashMap<String, Variant<?>>(), "a{sv}"))));
    }

    String address() {
        return address;
    }

    boolean connected() {
        return (Boolean) property(BluezApi.DEVICE, "Connected").getValue();
    }

    synchronized Optional<CharacteristicObject> characteristic(String uuid) {
        return gatt.stream()
                .filter(object -> object instanceof CharacteristicObject c && c.uuid().equals(uuid))
                .map(CharacteristicObject.class::cast)
                .findFirst();
    }

    @Override
    public synchronized void Connect() {
        if (connected()) {
            return;
        }
        set(BluezApi.DEVICE, "Connected", flag(true));
        int handle = 1;
        for (GattLayout.Service serviceLayout : layout.services()) {
            ServiceObject service = new ServiceObject(bus, String.format("%s/service%04x", getObjectPath(), handle++), this, serviceLayout.uuid());
            export(service);
            for (GattLayout.Characteristic characteristicLayout : serviceLayout.characteristics()) {
                export(new CharacteristicObject(bus, String.format("%s/char%04x", service.getObjectPath(), handle), this, service, characteristicLayout));
                handle += 2;
            }
        }
        set(BluezApi.DEVICE, "ServicesResolved", flag(true));
    }

    @Override
    public void Disconnect() {
        dropLink();
    }

    @Override
    public void Pair() {
        set(BluezApi.DEVICE, "Paired", flag(true));
    }

    @Override
    public void CancelPairing() {}

    /** The link ends, whichever side ended it. */
    synchronized void dropLink() {
        if (!connected()) {
            return;
        }
        set(BluezApi.DEVICE, "ServicesResolved", flag(false));
        set(BluezApi.DEVICE, "Connected", flag(false));
        for (BluezObject object : gatt.reversed()) {
            bus.remove(object);
        }
        gatt.clear();
    }

    void subscribed(CharacteristicObject characteristic) {
        peripheral.subscribed(characteristic);
    }

    void written(CharacteristicObject characteristic, byte[] value) {
        peripheral.written(characteristic, value.clone());
    }

    private void export(BluezObject object) {
        gatt.add(object);
        bus.add(object);
    }
}
