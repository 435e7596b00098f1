package org.phrhub.gateway.ble.fakebluez;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.phrhub.testsupport.OncePerRun;

/**
 * BlueZ as TinyB sees it, on a private system bus: one powered adapter, {@code hci0}, and the devices a test
 * puts in range. A device becomes known to BlueZ's clients when discovery runs (or at once, if it is
 * running) and stays known, as BlueZ keeps devices it has seen.
 *
 * <p>One per test JVM, at the socket named by {@code DBUS_SYSTEM_BUS_ADDRESS} (the build sets it for the
 * tests): TinyB's manager is one per process and connects to the system bus on its first use, so
 * {@link #instance()} must come before the first use of TinyB. Tests share it; each uses its own addresses.
 */
public final class FakeBlueZ {

    private static final String BUS_ADDRESS_VARIABLE = "DBUS_SYSTEM_BUS_ADDRESS";
    private static final String UNIX_PATH = "unix:path=";
    private static final int NEARBY_RSSI = -58;

    private final FakeBus bus;
    private final AdapterObject adapter;
    /** Devices in range by address; guarded by {@code this}. */
    private final Map<String, DeviceObject> inRange = new LinkedHashMap<>();
    /** The devices among them that BlueZ's clients know, by address; guarded by {@code this}. */
    private final Map<String, DeviceObject> known = new LinkedHashMap<>();

    private FakeBlueZ(DBusConnection connection) throws DBusException {
        this.bus = new FakeBus(connection);
        this.adapter = new AdapterObject(bus, this);
        bus.add(adapter);
        connection.requestBusName("org.bluez");
    }

    /** The fake of this JVM, started on the first call; its bus daemon stops when the JVM exits. */
    public static FakeBlueZ instance() {
        return Holder.STARTUP.get();
    }

    private static final class Holder {
        static final OncePerRun<FakeBlueZ> STARTUP = OncePerRun.attempt(FakeBlueZ::start);
    }

    private static FakeBlueZ start() {
        Path socket = socketFromEnvironment();
        SystemBusDaemon daemon = SystemBusDaemon.start(socket);
        try {
            DBusConnection connection = DBusConnectionBuilder.forAddress(UNIX_PATH + socket).withShared(false).build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(connection, daemon), "fake-bluez-stop"));
            return new FakeBlueZ(connection);
        } catch (DBusException e) {
            stopAfterFailure(daemon, e);
            throw new IllegalStateException("Could not serve the fake BlueZ on " + socket + ": " + e.getMessage(), e);
        }
    }

    private static Path socketFromEnvironment() {
        String address = System.getenv(BUS_ADDRESS_VARIABLE);
        if (address == null || !address.startsWith(UNIX_PATH)) {
            throw new IllegalStateException(BUS_ADDRESS_VARIABLE + " must name the fake BlueZ's private bus as unix:path=<socket>,"
                    + " set before the JVM starts (the module's Surefire configuration does); it is " + address);
        }
        Path socket = Path.of(address.substring(UNIX_PATH.length()));
        if (socket.startsWith("/run/dbus") || socket.startsWith("/var/run/dbus")) {
            throw new IllegalStateException(BUS_ADDRESS_VARIABLE + " names the machine's own system bus (" + socket
                    + "); the fake BlueZ needs a private one, e.g. under target/");
        }
        return socket;
    }

    /**
     * Puts a blood-pressure monitor in range: Device Information (0x180A), Blood Pressure (0x1810, with
     * Measurement 0x2A35, Intermediate Cuff Pressure 0x2A36 and Feature 0x2A49) and, when
     * {@code writableCurrentTime}, Current Time (0x1805) with a writable 0x2A2B.
     */
    public FakeMonitor addMonitor(String address, String name, String manufacturer, String model, byte[] systemId,
            byte[] feature, boolean writableCurrentTime) {
        List<GattLayout.Service> services = new ArrayList<>();
        services.add(new GattLayout.Service(GattLayout.uuid(0x180A), List.of(
                new GattLayout.Characteristic(GattLayout.uuid(0x2A29), List.of("read"), utf8(manufacturer)),
                new GattLayout.Characteristic(GattLayout.uuid(0x2A24), List.of("read"), utf8(model)),
                new GattLayout.Characteristic(GattLayout.uuid(0x2A23), List.of("read"), systemId))));
        services.add(new GattLayout.Service(GattLayout.uuid(0x1810), List.of(
                new GattLayout.Characteristic(FakeMonitor.BLOOD_PRESSURE_MEASUREMENT, List.of("indicate"), new byte[0]),
                new GattLayout.Characteristic(FakeMonitor.INTERMEDIATE_CUFF_PRESSURE, List.of("notify"), new byte[0]),
                new GattLayout.Characteristic(GattLayout.uuid(0x2A49), List.of("read"), feature))));
        if (writableCurrentTime) {
            services.add(new GattLayout.Service(GattLayout.uuid(0x1805), List.of(
                    new GattLayout.Characteristic(FakeMonitor.CURRENT_TIME, List.of("read", "write", "notify"), new byte[10]))));
        }
        FakeMonitor monitor = new FakeMonitor(bus);
        monitor.attach(putInRange(new DeviceObject(bus, address, name, NEARBY_RSSI, new GattLayout(services), monitor)));
        return monitor;
    }

    /** Puts a device that is no blood-pressure monitor in range, offering the given 16-bit services. */
    public void addDevice(String address, String name, int... assignedServiceNumbers) {
        List<GattLayout.Service> services = new ArrayList<>();
        for (int number : assignedServiceNumbers) {
            services.add(new GattLayout.Service(GattLayout.uuid(number), List.of()));
        }
        putInRange(new DeviceObject(bus, address, name, NEARBY_RSSI, new GattLayout(services), DeviceObject.Peripheral.PASSIVE));
    }

    private DeviceObject putInRange(DeviceObject device) {
        boolean announce;
        synchronized (this) {
            if (inRange.putIfAbsent(device.address(), device) != null) {
                throw new IllegalArgumentException(device.address() + " is in range already: give each test its own addresses");
            }
            announce = adapter.discovering();
            if (announce) {
                known.put(device.address(), device);
            }
        }
        if (announce) {
            bus.add(device);
        }
        return device;
    }

    /** Discovery makes every device in range known. */
    void discoveryStarted() {
        List<DeviceObject> found = new ArrayList<>();
        synchronized (this) {
            inRange.forEach((address, device) -> {
                if (known.putIfAbsent(address, device) == null) {
                    found.add(device);
                }
            });
        }
        found.forEach(bus::add);
    }

    /** {@code RemoveDevice}: BlueZ forgets the device until it is discovered again. */
    void forget(String path) {
        DeviceObject forgotten = null;
        synchronized (this) {
            for (DeviceObject device : known.values()) {
                if (device.getObjectPath().equals(path)) {
                    forgotten = device;
                }
            }
            if (forgotten == null) {
                throw BluezObject.error("org.bluez.Error.DoesNotExist", "Does Not Exist");
            }
            known.remove(forgotten.address());
        }
        forgotten.dropLink();
        bus.remove(forgotten);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void stop(DBusConnection connection, SystemBusDaemon daemon) {
        try (daemon; connection) {
            // Closed in reverse: the connection, then the daemon it is connected to.
        } catch (IOException e) {
            System.err.println("Could not stop the fake BlueZ cleanly: " + e.getMessage());
        }
    }

    private static void stopAfterFailure(SystemBusDaemon daemon, Exception failure) {
        try {
            daemon.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
