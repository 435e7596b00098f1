package org.phrhub.gateway.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.ble.CollectTimeouts;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.IndicationSink;
import org.phrhub.gateway.ble.MonitorLink;
import org.phrhub.gateway.ble.MonitorLinkException;
import org.phrhub.gateway.ble.SessionReport;
import org.phrhub.gateway.ble.decode.BloodPressureFeature;
import org.phrhub.gateway.ble.decode.MalformedMeasurementException;
import org.phrhub.gateway.ble.tinyb.TinyBBluetooth;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.upload.OutboxUploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The gateway's everyday work: connect to each paired monitor whenever it is in reach, take its readings
 * (the backlog it sends after a reconnect included) into the outbox, and upload them in the background.
 */
@Command(name = "run", description = "Collect readings from paired monitors over Bluetooth and upload them, until stopped.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    HubOptions hub;

    @Option(names = "--monitor", description = "Also collect from this monitor before it is paired; its readings wait in the outbox.")
    List<String> unpairedMonitors = List.of();

    @Option(names = "--pause", defaultValue = "PT5S", description = "Pause between rounds over the monitors (default ${DEFAULT-VALUE}).")
    Duration pause;

    @Override
    public Integer call() throws Exception {
        Gateway gateway = hub.gateway(Clock.systemUTC());
        MonitorLink bluetooth = TinyBBluetooth.open();
        OutboxUploader uploader = gateway.uploader();
        Thread uploads = Thread.ofPlatform().name("outbox-uploader").start(() -> uploader.runUntilInterrupted(Duration.ofSeconds(30)));
        IndicationSink sink = (monitor, indication) -> {
            if (Indication.INTERMEDIATE_CUFF_PRESSURE.equals(indication.characteristic())) {
                // The cuff inflating: shown on the monitor, never a reading.
                log.debug("Cuff pressure from {}: {}", monitor.address(), indication.hex());
                return;
            }
            gateway.outbox().accept(monitor, indication);
            uploader.wake();
        };
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (String address : monitors(gateway)) {
                    collectFrom(bluetooth, address, sink);
                }
                Thread.sleep(pause.toMillis());
            }
        } finally {
            uploads.interrupt();
        }
        return 0;
    }

    /** What the monitor can detect (Blood Pressure Feature), so a missing status flag is not read as "all fine". */
    private static String features(SessionReport report) {
        return report.bloodPressureFeature().map(bytes -> {
            try {
                return BloodPressureFeature.decode(bytes).toString();
            } catch (MalformedMeasurementException e) {
                return "unreadable (" + e.getMessage() + ")";
            }
        }).orElse("not reported");
    }

    private Set<String> monitors(Gateway gateway) throws IOException {
        Set<String> addresses = new LinkedHashSet<>();
        gateway.bindings().all().stream().map(Binding::address).forEach(addresses::add);
        unpairedMonitors.stream().map(String::toUpperCase).forEach(addresses::add);
        return addresses;
    }

    private static void collectFrom(MonitorLink bluetooth, String address, IndicationSink sink) throws IOException, InterruptedException {
        try {
            SessionReport report = bluetooth.collect(address, sink, CollectTimeouts.DEFAULT);
            log.info("{}: {} reading(s), clock {}, features {}, session ended: {}{}", address, report.measurements(),
                    report.clock(), features(report), report.end(), report.problem().map(p -> " (" + p + ")").orElse(""));
        } catch (MonitorLinkException e) {
            // Monitors advertise only around a measurement; not finding one is the normal case.
            log.debug("{} not collected: {}", address, e.getMessage());
        }
    }
}
