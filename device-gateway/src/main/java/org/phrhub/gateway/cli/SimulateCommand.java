package org.phrhub.gateway.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.simulate.SimulatedMonitor;
import org.phrhub.gateway.upload.OutboxUploader;
import org.phrhub.gateway.upload.UploadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Plays a monitor without Bluetooth: pairs it with the patient, puts the last weeks of morning and
 * evening readings into the outbox, uploads them, then adds a new reading every interval.
 */
@Command(name = "simulate", description = "Simulate a home blood-pressure monitor for a patient (demo): weeks of history, then a reading every interval.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    HubOptions hub;

    @Option(names = "--patient", required = true, description = "The patient the simulated monitor is paired with, e.g. Patient/hanako.")
    String patient;

    @Option(names = "--days", defaultValue = "28", description = "Days of history to play first (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--interval", defaultValue = "PT1H", description = "Time between new readings afterwards (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Play the history, upload it and exit.")
    boolean once;

    @Option(names = "--seed", defaultValue = "1", description = "Varies the simulated readings (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        Gateway gateway = hub.gateway(clock);
        SimulatedMonitor monitor = new SimulatedMonitor(gateway.settings().zone(), seed);
        Optional<Integer> user = Optional.of(1);

        Optional<Binding> bound = gateway.bindings().find(SimulatedMonitor.MONITOR.address(), user)
                .filter(binding -> binding.patient().equals(patient));
        if (bound.isEmpty()) {
            Binding binding = pairWhenHubAnswers(gateway, user, out);
            out.println("Paired the simulated monitor: " + binding.describe());
        }

        Path playedUntil = gateway.settings().dataDir().resolve("simulator-played-until");
        Instant since = Files.exists(playedUntil)
                ? Instant.parse(Files.readString(playedUntil, StandardCharsets.UTF_8).trim()) : Instant.MIN;
        List<Indication> history = monitor.history(days, clock.instant()).stream()
                .filter(reading -> reading.receivedAt().isAfter(since)).toList();
        for (Indication reading : history) {
            gateway.outbox().append(SimulatedMonitor.MONITOR, reading);
        }
        remember(playedUntil, clock.instant());
        out.println("Simulated " + history.size() + " reading(s) of the last " + days + " days into the outbox.");
        out.flush();

        OutboxUploader uploader = gateway.uploader();
        if (once) {
            try {
                OutboxUploader.Pass pass = uploader.uploadPending();
                out.println(pass.describe());
                return pass.deadLettered() == 0 ? 0 : GatewayCommand.EXIT_FAILED;
            } catch (UploadException e) {
                spec.commandLine().getErr().println("upload failed, readings kept in the outbox: " + e.getMessage());
                return 1;
            }
        }
        Thread uploads = Thread.ofPlatform().name("outbox-uploader").start(() -> uploader.runUntilInterrupted(Duration.ofSeconds(30)));
        try {
            while (true) {
                Thread.sleep(interval.toMillis());
                gateway.outbox().append(SimulatedMonitor.MONITOR, monitor.now(clock.instant()));
                remember(playedUntil, clock.instant());
                uploader.wake();
            }
        } finally {
            uploads.interrupt();
        }
    }

    /** The demo starts the gateway with the hub: wait for it rather than fail. */
    private Binding pairWhenHubAnswers(Gateway gateway, Optional<Integer> user, PrintWriter out) throws Exception {
        Duration wait = Duration.ofSeconds(2);
        while (true) {
            try {
                return gateway.pairing().pair(SimulatedMonitor.MONITOR, user, patient, Optional.empty());
            } catch (UploadException e) {
                if (e.kind() == UploadException.Kind.REJECTED || once) {
                    throw new InvalidInputException("cannot pair the simulated monitor with " + patient + ": " + e.getMessage());
                }
                out.println("The hub is not reachable yet (" + e.getMessage() + "); trying again in " + wait.toSeconds() + " s");
                out.flush();
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            }
        }
    }

    private static void remember(Path file, Instant instant) throws java.io.IOException {
        Files.writeString(file, instant.toString() + "\n", StandardCharsets.UTF_8);
    }
}
