package org.phrhub.gateway.ble.tinyb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.phrhub.gateway.ble.ClockSetting;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.IndicationSink;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.MonitorLinkException;
import org.phrhub.gateway.ble.SessionEnd;
import org.phrhub.gateway.ble.SessionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tinyb.BluetoothDevice;
import tinyb.BluetoothException;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothObject;

/**
 * One connection to one monitor, from connecting to disconnecting.
 *
 * <p>TinyB calls back on its single GLib thread, in the order BlueZ signalled: values and the loss of the link
 * go into one queue there and are handed to the sink on the caller's thread, so a slow or failing sink never
 * runs inside TinyB and the order of readings and of the disconnect is kept.
 */
final class MonitorSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitorSession.class);
    private static final Duration SERVICES_POLL = Duration.ofMillis(50);
    private static final Duration LINK_DOWN_WAIT = Duration.ofSeconds(5);

    private final BluetoothDevice device;
    private final String address;
    private final Clock clock;
    private final List<BluetoothGattService> services;
    /** Every TinyB object this session made: TinyB drops an object's callbacks when it is closed or collected. */
    private final List<BluetoothObject> held = new ArrayList<>();
    private final Map<BluetoothGattService, List<BluetoothGattCharacteristic>> characteristics = new IdentityHashMap<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Set once the monitor has dropped the link or the gateway has tried to end it. */
    private boolean linkEnded;
    private boolean subscribed;
    private int measurements;
    private int cuffPressures;

    private sealed interface Event {
        record Received(Indication indication) implements Event {}

        record LinkLost() implements Event {}
    }

    private MonitorSession(BluetoothDevice device, String address, Clock clock, List<BluetoothGattService> services) {
        this.device = device;
        this.address = address;
        this.clock = clock;
        this.services = services;
        held.add(device);
        held.addAll(services);
    }

    /** Connects and waits until BlueZ has resolved the monitor's services. */
    static MonitorSession open(BluetoothDevice device, String address, Duration timeout, Clock clock)
            throws MonitorLinkException, InterruptedException {
        try {
            device.connect();
        } catch (BluetoothException e) {
            device.close();
            throw new MonitorLinkException("could not connect to monitor " + address + " (" + e.getMessage()
                    + "); start a transfer on the monitor, keep it close and try again", e);
        }
        List<BluetoothGattService> services = List.of();
        try {
            awaitServicesResolved(device, address, timeout);
            services = device.getServices();
            if (services.stream().noneMatch(service -> GattUuids.same(service.getUUID(), GattUuids.BLOOD_PRESSURE))) {
                throw new MonitorLinkException(address + " offers no Blood Pressure Service (0x1810): is it a blood-pressure monitor?");
            }
            return new MonitorSession(device, address, clock, services);
        } catch (MonitorLinkException | InterruptedException | RuntimeException e) {
            services.forEach(BluetoothObject::close);
            disconnectAfterFailure(device, e);
            throw e;
        }
    }

    /**
     * BlueZ sets {@code ServicesResolved} after {@code Connected}, and TinyB's thread applies both in that order;
     * but it may not have applied {@code Connected} yet when {@code connect()} returns.
     */
    private static void awaitServicesResolved(BluetoothDevice device, String address, Duration timeout)
            throws MonitorLinkException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean seenConnected = false;
        while (!device.getServicesResolved()) {
            boolean connected = device.getConnected();
            if (seenConnected && !connected) {
                throw new MonitorLinkException("monitor " + address + " disconnected before listing its services; start a transfer on it and try again");
            }
            seenConnected |= connected;
            if (System.nanoTime() - deadline > 0) {
                throw new MonitorLinkException("monitor " + address + " connected but did not list its services within "
                        + timeout.toSeconds() + " s; try again");
            }
            Thread.sleep(SERVICES_POLL);
        }
    }

    MonitorInfo deviceInformation() throws MonitorLinkException {
        Optional<BluetoothGattService> information = service(GattUuids.DEVICE_INFORMATION);
        return new MonitorInfo(
                address,
                advertisedName(device),
                readText(information, GattUuids.MANUFACTURER_NAME, "the manufacturer name"),
                readText(information, GattUuids.MODEL_NUMBER, "the model number"),
                read(information, GattUuids.SYSTEM_ID, "the System ID").flatMap(this::systemId));
    }

    Optional<byte[]> bloodPressureFeature() throws MonitorLinkException {
        return read(service(GattUuids.BLOOD_PRESSURE), GattUuids.BLOOD_PRESSURE_FEATURE, "the Blood Pressure Feature");
    }

    ClockSetting setClock(LocalDateTime now) {
        Optional<BluetoothGattCharacteristic> currentTime =
                characteristic(service(GattUuids.CURRENT_TIME_SERVICE), GattUuids.CURRENT_TIME)
                        .filter(MonitorSession::writable);
        if (currentTime.isEmpty()) {
            return new ClockSetting.NotWritten("clock not set: monitor has no writable Current Time");
        }
        try {
            currentTime.get().writeValue(CurrentTimeValue.encode(now));
            return new ClockSetting.Written(now);
        } catch (BluetoothException e) {
            // The readings still matter more than the clock: report and go on.
            return new ClockSetting.NotWritten("clock not set: monitor refused the time (" + e.getMessage() + ")");
        }
    }

    /**
     * Subscribes and hands each value to the sink until the monitor disconnects or {@code limit} passes.
     */
    SessionReport receive(IndicationSink sink, Duration limit, MonitorInfo monitor, Optional<byte[]> feature,
            ClockSetting clockSetting) throws MonitorLinkException, IOException, InterruptedException {
        subscribe();
        if (deliverUntilLinkLost(sink, monitor, System.nanoTime() + limit.toNanos())) {
            return report(monitor, feature, clockSetting, SessionEnd.MONITOR_DISCONNECTED, Optional.empty());
        }
        Optional<String> problem = endLinkAtTimeLimit(sink, monitor);
        return report(monitor, feature, clockSetting, problem.isEmpty() ? SessionEnd.TIME_LIMIT : SessionEnd.ERROR, problem);
    }

    private SessionReport report(MonitorInfo monitor, Optional<byte[]> feature, ClockSetting clockSetting, SessionEnd end,
            Optional<String> problem) {
        return new SessionReport(monitor, feature, clockSetting, measurements, cuffPressures, end, problem);
    }

    /** Intermediate Cuff Pressure first, so that none of it is missed once measurements start. */
    private void subscribe() throws MonitorLinkException {
        Optional<BluetoothGattService> bloodPressure = service(GattUuids.BLOOD_PRESSURE);
        BluetoothGattCharacteristic measurement = characteristic(bloodPressure, GattUuids.BLOOD_PRESSURE_MEASUREMENT)
                .orElseThrow(() -> new MonitorLinkException(address
                        + " has no Blood Pressure Measurement (0x2A35) characteristic: is it a blood-pressure monitor?"));
        Optional<BluetoothGattCharacteristic> cuffPressure =
                characteristic(bloodPressure, GattUuids.INTERMEDIATE_CUFF_PRESSURE);
        device.enableConnectedNotifications(connected -> {
            if (!connected) {
                events.add(new Event.LinkLost());
            }
        });
        subscribed = true;
        try {
            if (cuffPressure.isPresent()) {
                forward(cuffPressure.get(), Indication.INTERMEDIATE_CUFF_PRESSURE);
            }
            forward(measurement, Indication.BLOOD_PRESSURE_MEASUREMENT);
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not subscribe to the readings of " + address + ": " + e.getMessage(), e);
        }
        // A link lost before the callback was in place signals nothing. (Services resolved, TinyB's thread has
        // applied Connected, so the cached value is not stale.)
        if (!device.getConnected()) {
            events.add(new Event.LinkLost());
        }
    }

    private void forward(BluetoothGattCharacteristic characteristic, String name) {
        // Runs on TinyB's thread, where an exception would be left pending in native code: only enqueue.
        characteristic.enableValueNotifications(value -> events.add(new Event.Received(new Indication(name, value, clock.instant()))));
    }

    /** @return true once the link is lost, false if {@code deadline} (of {@link System#nanoTime()}) came first */
    private boolean deliverUntilLinkLost(IndicationSink sink, MonitorInfo monitor, long deadline)
            throws IOException, InterruptedException {
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            switch (event) {
                case null -> {
                    return false;
                }
                case Event.LinkLost lost -> {
                    linkEnded = true;
                    return true;
                }
                case Event.Received received -> {
                    sink.accept(monitor, received.indication());
                    if (received.indication().characteristic().equals(Indication.BLOOD_PRESSURE_MEASUREMENT)) {
                        measurements++;
                    } else {
                        cuffPressures++;
                    }
                }
            }
        }
    }

    /**
     * Disconnects, still delivering what arrives until BlueZ reports the link down: BlueZ has confirmed those
     * indications to the monitor, which may count them as sent.
     *
     * @return the problem, when the link could not be seen to end
     */
    private Optional<String> endLinkAtTimeLimit(IndicationSink sink, MonitorInfo monitor) throws IOException, InterruptedException {
        try {
            device.disconnect();
        } catch (BluetoothException e) {
            if (device.getConnected()) {
                linkEnded = true; // tried: the report tells, and close() need not try again
                return Optional.of("session time limit reached, then could not disconnect from " + address + ": " + e.getMessage());
            }
        }
        if (!deliverUntilLinkLost(sink, monitor, System.nanoTime() + LINK_DOWN_WAIT.toNanos())) {
            linkEnded = true;
            return Optional.of("session time limit reached, then BlueZ did not report the link to " + address + " down within "
                    + LINK_DOWN_WAIT.toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** Ends the link unless it has ended already (as once {@link #receive} has returned), and releases TinyB's objects. */
    @Override
    public void close() throws MonitorLinkException {
        try {
            if (!linkEnded) {
                disconnectOnClose();
            }
        } finally {
            if (subscribed) {
                device.disableConnectedNotifications();
            }
            held.forEach(BluetoothObject::close);
        }
    }

    /**
     * After identifying, or a session cut short (by the sink, an interruption …), the link may still be up.
     * Once it is down, TinyB's thread has passed every value sent before, so none is called back into an
     * object being closed; values that arrived meanwhile can no longer be delivered.
     */
    private void disconnectOnClose() throws MonitorLinkException {
        try {
            if (device.getConnected()) {
                device.disconnect();
            }
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not disconnect from monitor " + address + ": " + e.getMessage(), e);
        }
        if (subscribed) {
            int undelivered = awaitLinkLost();
            if (undelivered > 0) {
                log.warn("{} values from {} arrived after the session was cut short and were not delivered", undelivered, address);
            }
        }
    }

    /** Waits even when interrupted (the wait is short), and keeps the interrupt for the caller. */
    private int awaitLinkLost() {
        long deadline = System.nanoTime() + LINK_DOWN_WAIT.toNanos();
        boolean interrupted = false;
        int discarded = 0;
        try {
            while (System.nanoTime() - deadline < 0) {
                try {
                    Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (event instanceof Event.LinkLost || event == null) {
                        break;
                    }
                    discarded++;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return discarded;
    }

    private static void disconnectAfterFailure(BluetoothDevice device, Exception failure) {
        try {
            device.disconnect();
        } catch (BluetoothException e) {
            failure.addSuppressed(e);
        } finally {
            device.close();
        }
    }

    private Optional<BluetoothGattService> service(String uuid) {
        return services.stream().filter(service -> GattUuids.same(service.getUUID(), uuid)).findFirst();
    }

    private Optional<BluetoothGattCharacteristic> characteristic(Optional<BluetoothGattService> service, String uuid) {
        if (service.isEmpty()) {
            return Optional.empty();
        }
        List<BluetoothGattCharacteristic> ofService = characteristics.computeIfAbsent(service.get(), s -> {
            List<BluetoothGattCharacteristic> listed = s.getCharacteristics();
            held.addAll(listed);
            return listed;
        });
        return ofService.stream().filter(c -> GattUuids.same(c.getUUID(), uuid)).findFirst();
    }

    private Optional<byte[]> read(Optional<BluetoothGattService> service, String uuid, String what) throws MonitorLinkException {
        Optional<BluetoothGattCharacteristic> characteristic = characteristic(service, uuid);
        if (characteristic.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(characteristic.get().readValue());
        } catch (BluetoothException e) {
            throw new MonitorLinkException("could not read " + what + " of " + address + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> readText(Optional<BluetoothGattService> service, String uuid, String what) throws MonitorLinkException {
        // UTF-8 by the specification; some monitors pad with NULs or spaces.
        return read(service, uuid, what)
                .map(value -> new String(value, StandardCharsets.UTF_8).replace("\0", "").strip())
                .filter(text -> !text.isEmpty());
    }

    private Optional<String> systemId(byte[] value) {
        Optional<String> eui64 = SystemId.eui64(value);
        if (eui64.isEmpty()) {
            log.warn("Monitor {} sent a System ID of {} bytes instead of {}; leaving it out", address, value.length, SystemId.LENGTH);
        }
        return eui64;
    }

    private static boolean writable(BluetoothGattCharacteristic characteristic) {
        return Arrays.stream(characteristic.getFlags())
                .anyMatch(flag -> flag.equals("write") || flag.equals("write-without-response"));
    }

    /** TinyB falls back to BlueZ's alias, which is the address with dashes for a monitor that sent no name. */
    static Optional<String> advertisedName(BluetoothDevice device) {
        String name = device.getName();
        if (name == null || name.isBlank() || name.equalsIgnoreCase(device.getAddress().replace(':', '-'))) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
