package org.phrhub.gateway.ble.tinyb;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.phrhub.gateway.ble.ClockSetting;
import org.phrhub.gateway.ble.CollectTimeouts;
import org.phrhub.gateway.ble.DiscoveredMonitor;
import org.phrhub.gateway.ble.IndicationSink;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.MonitorLink;
import org.phrhub.gateway.ble.MonitorLinkException;
import org.phrhub.gateway.ble.SessionReport;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothException;
import tinyb.BluetoothManager;
import tinyb.BluetoothType;
import tinyb.TransportType;

/**
 * Blood-pressure monitors through BlueZ, by TinyB. TinyB's manager is one per process and talks to BlueZ on
 * the D-Bus system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} when set); every instance of this class shares it.
 */
public final class TinyBBluetooth implements MonitorLink {

    private static final Pattern ADDRESS = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Duration POLL = Duration.ofMillis(50);

    private final BluetoothManager manager;
    private final Clock clock;

    private TinyBBluetooth(BluetoothManager manager, Clock clock) {
        this.manager = manager;
        this.clock = clock;
    }

    /** Loads TinyB's native libraries if needed and connects to BlueZ. */
    public static TinyBBluetooth open() throws MonitorLinkException {
        return open(Clock.systemDefaultZone());
    }

    /** @param clock sets the monitor's clock (in the clock's zone) and stamps each reading's reception */
    public static TinyBBluetooth open(Clock clock) throws MonitorLinkException {
        TinyBNatives.ensureLoaded();
        try {
            return new TinyBBluetooth(BluetoothManager.getBluetoothManager(), clock);
        } catch (BluetoothException e) {
            // TinyB refuses to start when BlueZ lists no adapter, which is also what a missing bluetoothd looks like.
            throw new MonitorLinkException("no Bluetooth adapter found: is bluetoothd running? (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).startsWith("Error getting object manager client")) {
                throw new MonitorLinkException("cannot reach BlueZ on the D-Bus system bus: is dbus running? (" + e.getMessage() + ")", e);
            }
            throw new MonitorLinkException("TinyB could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DiscoveredMonitor> scan(Duration duration) throws MonitorLinkException, InterruptedException {
        try (BluetoothAdapter adapter = poweredAdapter()) {
            return discover(adapter, duration);
        }
    }

    private static List<DiscoveredMonitor> discover(BluetoothAdapter adapter, Duration duration)
            throws MonitorLinkException, InterruptedException {
        try {
            // Low energy only, which all these monitors are and which spares the slower classic inquiry. No
            // UUID filter: some monitors only list 0x1810 once BlueZ has read more than their advertisement.
            adapter.setDiscoveryFilter(List.of(), 0, 0, TransportType.LE);
            adapter.startDiscovery();
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not start discovery on " + adapter.getInterfaceName() + ": " + e.getMessage(), e);
        }
        try {
            Thread.sleep(duration);
            // Read before stopping: BlueZ may forget the RSSI of what it heard once discovery ends.
            return bloodPressureMonitors(adapter.getDevices());
        } finally {
            stopDiscovery(adapter);
        }
    }

    @Override
    public MonitorInfo identify(String address) throws MonitorLinkException, InterruptedException {
        try (MonitorSession session = connect(address, CollectTimeouts.DEFAULT.connect())) {
            return session.deviceInformation();
        }
    }

    @Override
    public SessionReport collect(String address, IndicationSink sink, CollectTimeouts timeouts)
            throws MonitorLinkException, IOException, InterruptedException {
        try (MonitorSession session = connect(address, timeouts.connect())) {
            MonitorInfo monitor = session.deviceInformation();
            Optional<byte[]> feature = session.bloodPressureFeature();
            ClockSetting clockSetting = session.setClock(LocalDateTime.now(clock));
            return session.receive(sink, timeouts.session(), monitor, feature, clockSetting);
        }
    }

    private MonitorSession connect(String address, Duration timeout) throws MonitorLinkException, InterruptedException {
        if (!ADDRESS.matcher(address).matches()) {
            throw new MonitorLinkException("'" + address + "' is not a Bluetooth address (six hex pairs like A4:C1:38:00:00:01)");
        }
        String normalized = address.toUpperCase(Locale.ROOT);
        BluetoothDevice device;
        try (BluetoothAdapter adapter = poweredAdapter()) {
            device = findDevice(adapter, normalized, timeout);
        }
        return MonitorSession.open(device, normalized, timeout, clock);
    }

    /**
     * BlueZ knows monitors it has seen or paired with; any other must be discovered first. Polls rather than
     * using TinyB's {@code find}, whose waiting list is shared unguarded with TinyB's own thread and corrupts
     * when BlueZ adds objects meanwhile.
     */
    private BluetoothDevice findDevice(BluetoothAdapter adapter, String address, Duration timeout)
            throws MonitorLinkException, InterruptedException {
        BluetoothDevice known = knownDevice(adapter, address);
        if (known != null) {
            return known;
        }
        try {
            adapter.startDiscovery();
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not start discovery to look for monitor " + address + ": " + e.getMessage(), e);
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL);
                BluetoothDevice found = knownDevice(adapter, address);
                if (found != null) {
                    return found;
                }
            }
            throw new MonitorLinkException("monitor " + address + " not found; put it in pairing mode and run scan");
        } finally {
            stopDiscovery(adapter);
        }
    }

    private BluetoothDevice knownDevice(BluetoothAdapter adapter, String address) {
        return (BluetoothDevice) manager.getObject(BluetoothType.DEVICE, null, address, adapter);
    }

    private BluetoothAdapter poweredAdapter() throws MonitorLinkException {
        List<BluetoothAdapter> adapters = manager.getAdapters();
        if (adapters.isEmpty()) {
            throw new MonitorLinkException("no Bluetooth adapter found: is bluetoothd running?");
        }
        adapters.subList(1, adapters.size()).forEach(BluetoothAdapter::close);
        BluetoothAdapter adapter = adapters.getFirst();
        if (!adapter.getPowered()) {
            adapter.close();
            throw new MonitorLinkException("Bluetooth adapter " + adapter.getInterfaceName()
                    + " is powered off; turn it on (bluetoothctl power on)");
        }
        return adapter;
    }

    private static void stopDiscovery(BluetoothAdapter adapter) throws MonitorLinkException {
        try {
            adapter.stopDiscovery();
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not stop discovery on " + adapter.getInterfaceName() + ": " + e.getMessage(), e);
        }
    }

    private static List<DiscoveredMonitor> bloodPressureMonitors(List<BluetoothDevice> devices) {
        List<DiscoveredMonitor> monitors = new ArrayList<>();
        for (BluetoothDevice device : devices) {
            try (device) {
                if (Arrays.stream(device.getUUIDs()).anyMatch(uuid -> GattUuids.same(uuid, GattUuids.BLOOD_PRESSURE))) {
                    short rssi = device.getRSSI();
                    monitors.add(new DiscoveredMonitor(
                            device.getAddress(),
                            MonitorSession.advertisedName(device),
                            // BlueZ leaves RSSI out for devices not heard lately, which TinyB reads as 0 dBm.
                            rssi == 0 ? OptionalInt.empty() : OptionalInt.of(rssi)));
                }
            }
        }
        return monitors;
    }
}
