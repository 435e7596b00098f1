package org.phrhub.gateway.ble;

import java.io.IOException;

/** Receives what a monitor sends. Returns only once the value is safe (e.g. synced to disk). */
@FunctionalInterface
public interface IndicationSink {

    void accept(MonitorInfo monitor, Indication indication) throws IOException;
}
