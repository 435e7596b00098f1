package org.phrhub.gateway.ble.fakebluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** {@code /org/bluez/hci0}: a powered adapter whose discovery makes nearby devices known. */
final class AdapterObject extends BluezObject implements BluezApi.Adapter1 {

    static final String PATH = "/org/bluez/hci0";

    private final FakeBlueZ blueZ;

    AdapterObject(FakeBus bus, FakeBlueZ blueZ) {
        super(bus, PATH);
        this.blueZ = blueZ;
        declare(BluezApi.ADAPTER, Map.ofEntries(
                Map.entry("Address", text("00:1A:7D:DA:71:13")),
                Map.entry("Name", text("phrhub-gateway")),
                Map.entry("Alias", text("phrhub-gateway")),
                Map.entry("Class", uint32(0x6c0000)),
                Map.entry("Powered", flag(true)),
                Map.entry("Discoverable", flag(false)),
                Map.entry("DiscoverableTimeout", uint32(180)),
                Map.entry("Pairable", flag(true)),
                Map.entry("PairableTimeout", uint32(0)),
                Map.entry("Discovering", flag(false)),
                Map.entry("UUIDs", texts(List.of())),
                Map.entry("Modalias", text("usb:v1D6Bp0246d0542"))));
    }

    boolean discovering() {
        return (Boolean) property(BluezApi.ADAPTER, "Discovering").getValue();
    }

    @Override
    public void StartDiscovery() {
        set(BluezApi.ADAPTER, "Discovering", flag(true));
        blueZ.discoveryStarted();
    }

    @Override
    public void StopDiscovery() {
        if (!discovering()) {
            throw error("org.bluez.Error.Failed", "No discovery started");
        }
        set(BluezApi.ADAPTER, "Discovering", flag(false));
    }

    /** Accepted and ignored: devices in range are reported whatever the filter, to test the caller's own filtering. */
    @Override
    public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {}

    @Override
    public void RemoveDevice(DBusPath device) {
        blueZ.forget(device.getPath());
    }
}
