package org.phrhub.gateway.ble;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The Bluetooth side of the gateway: finds blood-pressure monitors and brings their readings in. One
 * implementation talks to BlueZ through TinyB; a simulated monitor can stand in for it.
 */
public interface MonitorLink {

    /** Monitors advertising the Blood Pressure Service (0x1810) heard while discovering for {@code duration}. */
    List<DiscoveredMonitor> scan(Duration duration) throws MonitorLinkException, InterruptedException;

    /** Connects, reads the Device Information Service (0x180A) and disconnects. */
    MonitorInfo identify(String address) throws MonitorLinkException, InterruptedException;

    /**
     * Connects and hands every reading the monitor sends to {@code sink}, in the order received, until the
     * monitor ends the link or {@link CollectTimeouts#session()} has passed.
     *
     * @throws MonitorLinkException when the session could not be set up; nothing has reached the sink then
     * @throws IOException as thrown by the sink, which ends the session at once
     */
    SessionReport collect(String address, IndicationSink sink, CollectTimeouts timeouts)
            throws MonitorLinkException, IOException, InterruptedException;
}
