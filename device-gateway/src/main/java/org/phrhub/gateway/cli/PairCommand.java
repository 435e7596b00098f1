package org.phrhub.gateway.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.decode.QuirksProfile;
import org.phrhub.gateway.ble.tinyb.TinyBBluetooth;
import org.phrhub.gateway.pairing.Binding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Binds a monitor (and a user slot on multi-user monitors) to a patient, on the hub and locally. */
@Command(name = "pair", description = "Bind a monitor to a patient: the hub records it as the patient's Device, and its readings are uploaded from then on (also those already waiting).")
public final class PairCommand implements Callable<Integer> {

    private static final Pattern ADDRESS = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern SYSTEM_ID = Pattern.compile("[0-9A-Fa-f]{16}");

    @Mixin
    HubOptions hub;

    @Option(names = "--address", required = true, description = "The monitor's Bluetooth address, as scan shows it.")
    String address;

    @Option(names = "--patient", required = true, description = "The patient, e.g. Patient/hanako.")
    String patient;

    @Option(names = "--user-id", description = "The user slot (1, 2, ...) on a monitor shared by several people.")
    Integer userId;

    @Option(names = "--quirks", description = "Quirks profile for a monitor that does not follow the specification (strict, beurer); default: chosen from its manufacturer.")
    String quirks;

    @Option(names = "--no-connect", description = "Do not connect to read the monitor's Device Information (e.g. it is out of reach).")
    boolean noConnect;

    @Option(names = "--system-id", description = "With --no-connect: the monitor's System ID, 16 hex digits.")
    String systemId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!ADDRESS.matcher(address).matches()) {
            throw new InvalidInputException("'" + address + "' is not a Bluetooth address like A4:C1:38:12:34:56");
        }
        if (quirks != null && QuirksProfile.named(quirks).isEmpty()) {
            throw new InvalidInputException("'" + quirks + "' is not a quirks profile; known profiles: " + QuirksProfile.ids());
        }
        if (systemId != null && !SYSTEM_ID.matcher(systemId).matches()) {
            throw new InvalidInputException("a System ID is 16 hex digits, not '" + systemId + "'");
        }
        MonitorInfo monitor = noConnect
                ? new MonitorInfo(address, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.ofNullable(systemId).map(id -> id.toUpperCase(Locale.ROOT)))
                : TinyBBluetooth.open().identify(address.toUpperCase(Locale.ROOT));
        Gateway gateway = hub.gateway(Clock.systemUTC());
        Binding binding = gateway.pairing().pair(monitor, Optional.ofNullable(userId), patient,
                Optional.ofNullable(quirks).map(q -> q.toLowerCase(Locale.ROOT)));
        out.println("Paired " + binding.describe() + " as " + binding.sensorDevice()
                + monitor.manufacturer().map(m -> " (" + m + monitor.model().map(model -> " " + model).orElse("") + ")").orElse(""));
        return 0;
    }
}
