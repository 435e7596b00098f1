package org.phrhub.gateway.ble.fakebluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The methods of BlueZ's D-Bus API (doc/org.bluez.*.rst in BlueZ) that TinyB 0.5 calls, with BlueZ's names
 * and signatures. Properties are served by {@link BluezObject}.
 */
public final class BluezApi {

    public static final String ADAPTER = "org.bluez.Adapter1";
    public static final String DEVICE = "org.bluez.Device1";
    public static final String GATT_SERVICE = "org.bluez.GattService1";
    public static final String GATT_CHARACTERISTIC = "org.bluez.GattCharacteristic1";

    private BluezApi() {}

    @DBusInterfaceName(ADAPTER)
    public interface Adapter1 extends DBusInterface {
        void StartDiscovery();

        void StopDiscovery();

        void SetDiscoveryFilter(Map<String, Variant<?>> filter);

        void RemoveDevice(DBusPath device);
    }

    @DBusInterfaceName(DEVICE)
    public interface Device1 extends DBusInterface {
        void Connect();

        void Disconnect();

        void Pair();

        void CancelPairing();
    }

    @DBusInterfaceName(GATT_SERVICE)
    public interface GattService1 extends DBusInterface {}

    @DBusInterfaceName(GATT_CHARACTERISTIC)
    public interface GattCharacteristic1 extends DBusInterface {
        byte[] ReadValue(Map<String, Variant<?>> options);

        void WriteValue(byte[] value, Map<String, Variant<?>> options);

        void StartNotify();

        void StopNotify();
    }
}
