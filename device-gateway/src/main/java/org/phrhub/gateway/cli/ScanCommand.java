package org.phrhub.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.phrhub.gateway.ble.DiscoveredMonitor;
import org.phrhub.gateway.ble.tinyb.TinyBBluetooth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists blood-pressure monitors in reach, so the patient can pick theirs to pair. */
@Command(name = "scan", description = "List Bluetooth blood-pressure monitors (service 0x1810) in reach. Press the monitor's Bluetooth or start button first.")
public final class ScanCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "10", description = "How long to listen (default ${DEFAULT-VALUE}).")
    int seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<DiscoveredMonitor> monitors = TinyBBluetooth.open().scan(Duration.ofSeconds(seconds));
        if (monitors.isEmpty()) {
            out.println("No blood-pressure monitor found. Wake the monitor (its Bluetooth or start button) and scan again.");
            return GatewayCommand.EXIT_FAILED;
        }
        for (DiscoveredMonitor monitor : monitors) {
            out.printf("%s  %-24s %s%n", monitor.address(), monitor.name().orElse("(no name)"),
                    monitor.rssi().isPresent() ? monitor.rssi().getAsInt() + " dBm" : "known, not heard now");
        }
        return 0;
    }
}
