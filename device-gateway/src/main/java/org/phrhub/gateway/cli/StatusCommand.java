package org.phrhub.gateway.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phrhub.gateway.outbox.DeadLetter;
import org.phrhub.gateway.outbox.Outbox;
import org.phrhub.gateway.outbox.OutboxEntry;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.pairing.BindingStore;
import org.phrhub.gateway.upload.ReadingTriage;
import org.phrhub.gateway.upload.UploadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the gateway holds and how uploads went; reads only local state, so it works while the hub is down. */
@Command(name = "status", description = "Show paired monitors, readings waiting for upload or pairing, dead letters with their reasons, and the last upload.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    HubOptions hub;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BindingStore bindings = new BindingStore(hub.dataDir());
        Outbox outbox = Outbox.open(hub.dataDir(), Clock.systemUTC());
        ReadingTriage triage = new ReadingTriage(bindings);

        List<Binding> all = bindings.all();
        out.println("Paired monitors: " + (all.isEmpty() ? "none (run pair)" : all.size()));
        all.forEach(binding -> out.println("  " + binding.describe() + "  (" + binding.sensorDevice() + ")"));

        List<OutboxEntry> pending = outbox.pending();
        int ready = 0;
        Map<String, Integer> unbound = new LinkedHashMap<>();
        for (ReadingTriage.Outcome outcome : triage.triage(pending)) {
            switch (outcome) {
                case ReadingTriage.Ready r -> ready++;
                case ReadingTriage.Unbound u -> unbound.merge(u.monitorAndUser(), 1, Integer::sum);
                case ReadingTriage.Unreadable u -> ready++; // moved to the dead letters by the next upload
            }
        }
        out.println("Waiting for upload: " + ready);
        out.println("Waiting for pairing: " + unbound.values().stream().mapToInt(Integer::intValue).sum());
        unbound.forEach((monitor, count) -> out.println("  " + monitor + ": " + count + " (pair it to upload them)"));

        List<DeadLetter> deadLetters = outbox.deadLetters();
        out.println("Dead letters: " + deadLetters.size());
        deadLetters.forEach(letter -> out.println("  " + letter.entry().id() + " from " + letter.entry().monitor().address()
                + " received " + letter.entry().indication().receivedAt() + " [" + letter.entry().indication().hex() + "]: "
                + letter.reason()));

        UploadState.Snapshot state = new UploadState(hub.dataDir(), Clock.systemUTC()).snapshot();
        out.println("Last successful upload: " + state.lastSuccess().orElse("never"));
        state.lastFailure().ifPresent(at -> out.println("Last failed upload: " + at + ": " + state.lastFailureReason().orElse("")));
        return 0;
    }
}
