package org.phrhub.gateway.ble.fakebluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A blood-pressure monitor in range of the fake adapter, as a test drives it. Like a real one, it sends what
 * it has stored (its backlog) as soon as a client subscribes to Blood Pressure Measurement, and may then
 * end the link by itself.
 */
public final class FakeMonitor implements DeviceObject.Peripheral {

    static final String BLOOD_PRESSURE_MEASUREMENT = GattLayout.uuid(0x2A35);
    static final String INTERMEDIATE_CUFF_PRESSURE = GattLayout.uuid(0x2A36);
    static final String CURRENT_TIME = GattLayout.uuid(0x2A2B);

    private final FakeBus bus;
    private DeviceObject device;
    /** Guarded by {@code this}. */
    private final List<byte[]> backlog = new ArrayList<>();
    private final List<byte[]> writtenCurrentTimes = new ArrayList<>();
    private int disconnectAfter = -1;
    /** One permit per subscription to Blood Pressure Measurement. */
    private final Semaphore subscriptions = new Semaphore(0);

    FakeMonitor(FakeBus bus) {
        this.bus = bus;
    }

    void attach(DeviceObject device) {
        this.device = device;
    }

    public String address() {
        return device.address();
    }

    /** Readings to send, in this order, right after the next subscription to Blood Pressure Measurement. */
    public synchronized FakeMonitor queueBacklog(byte[]... readings) {
        Arrays.stream(readings).map(byte[]::clone).forEach(backlog::add);
        return this;
    }

    /**
     * Makes the monitor drop the link once it has sent this many readings of its backlog: all of them, as a
     * monitor does when it is done, or fewer, as when it goes out of range in the middle.
     */
    public synchronized FakeMonitor disconnectAfter(int readings) {
        disconnectAfter = readings;
        return this;
    }

    /** Waits until a client subscribes to Blood Pressure Measurement. */
    public void awaitSubscribed(Duration timeout) throws InterruptedException {
        if (!subscriptions.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("No client subscribed to the readings of " + address() + " within " + timeout);
        }
    }

    /** Sends a Blood Pressure Measurement indication now. */
    public void indicate(byte[] measurement) {
        send(BLOOD_PRESSURE_MEASUREMENT, measurement);
    }

    /** Sends an Intermediate Cuff Pressure notification now. */
    public void notifyCuffPressure(byte[] cuffPressure) {
        send(INTERMEDIATE_CUFF_PRESSURE, cuffPressure);
    }

    /** The monitor ends the link. */
    public void disconnect() {
        device.dropLink();
    }

    public boolean connected() {
        return device.connected();
    }

    /** The last value a client wrote to Current Time. */
    public synchronized Optional<byte[]> writtenCurrentTime() {
        return writtenCurrentTimes.isEmpty() ? Optional.empty() : Optional.of(writtenCurrentTimes.getLast().clone());
    }

    @Override
    public void subscribed(CharacteristicObject characteristic) {
        if (!characteristic.uuid().equals(BLOOD_PRESSURE_MEASUREMENT)) {
            return;
        }
        List<byte[]> readings;
        int limit;
        synchronized (this) {
            readings = List.copyOf(backlog);
            backlog.clear();
            limit = disconnectAfter;
            disconnectAfter = -1;
        }
        bus.later(() -> sendBacklog(characteristic, readings, limit));
        subscriptions.release();
    }

    @Override
    public synchronized void written(CharacteristicObject characteristic, byte[] value) {
        if (characteristic.uuid().equals(CURRENT_TIME)) {
            writtenCurrentTimes.add(value);
        }
    }

    private void sendBacklog(CharacteristicObject characteristic, List<byte[]> readings, int disconnectAfter) {
        for (int sent = 0; sent < readings.size(); sent++) {
            if (sent == disconnectAfter) {
                break;
            }
            if (!characteristic.send(readings.get(sent))) {
                return;
            }
        }
        if (disconnectAfter >= 0) {
            device.dropLink();
        }
    }

    private void send(String uuid, byte[] value) {
        CharacteristicObject characteristic = device.characteristic(uuid)
                .orElseThrow(() -> new IllegalStateException(address() + " is not connected"));
        if (!characteristic.send(value.clone())) {
            throw new IllegalStateException("No client is subscribed to " + uuid + " of " + address());
        }
    }
}
