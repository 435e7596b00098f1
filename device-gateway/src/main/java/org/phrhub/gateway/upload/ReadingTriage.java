package org.phrhub.gateway.upload;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.decode.BloodPressureDecoder;
import org.phrhub.gateway.ble.decode.BloodPressureMeasurement;
import org.phrhub.gateway.ble.decode.MalformedMeasurementException;
import org.phrhub.gateway.ble.decode.QuirksProfile;
import org.phrhub.gateway.outbox.OutboxEntry;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.pairing.BindingStore;

/** Sorts an outbox entry: ready to upload, waiting for its monitor or user to be paired, or unreadable. */
public final class ReadingTriage {

    public sealed interface Outcome {}

    public record Ready(PreparedReading reading) implements Outcome {}

    /** Kept in the outbox, uploaded for nobody until a patient is bound. */
    public record Unbound(OutboxEntry entry, String monitorAndUser) implements Outcome {}

    public record Unreadable(OutboxEntry entry, String reason) implements Outcome {}

    private final BindingStore store;

    public ReadingTriage(BindingStore store) {
        this.store = store;
    }

    /** Sorts the entries against the bindings as they are now, read once for all of them. */
    public List<Outcome> triage(List<OutboxEntry> entries) throws IOException {
        List<Binding> bindings = store.all();
        return entries.stream().map(entry -> triage(entry, bindings)).toList();
    }

    private Outcome triage(OutboxEntry entry, List<Binding> bindings) {
        Indication indication = entry.indication();
        if (!Indication.BLOOD_PRESSURE_MEASUREMENT.equals(indication.characteristic())) {
            return new Unreadable(entry, "characteristic " + indication.characteristic()
                    + " carries no stored reading (only 2A35 Blood Pressure Measurements are uploaded)");
        }
        // The user slot decides the binding, and reading it needs the profile; try the monitor's own profile first.
        Optional<Binding> explicit = bindings.stream()
                .filter(binding -> binding.address().equalsIgnoreCase(entry.monitor().address()))
                .filter(binding -> binding.quirks().isPresent())
                .findFirst();
        QuirksProfile profile = explicit.flatMap(Binding::quirks).flatMap(QuirksProfile::named)
                .orElseGet(() -> QuirksProfile.forDevice(entry.monitor().manufacturer(), entry.monitor().model()));
        BloodPressureMeasurement measurement;
        try {
            measurement = new BloodPressureDecoder(profile).decodeMeasurement(indication.value());
        } catch (MalformedMeasurementException e) {
            return new Unreadable(entry, "undecodable Blood Pressure Measurement " + indication.hex() + " (quirks "
                    + profile.id() + "): " + e.getMessage());
        }
        Optional<Integer> user = measurement.userId();
        Optional<Binding> binding = bindings.stream().filter(b -> b.covers(entry.monitor().address(), user)).findFirst();
        if (binding.isEmpty()) {
            return new Unbound(entry, entry.monitor().address() + user.map(id -> " user " + id).orElse(""));
        }
        return new Ready(new PreparedReading(entry, measurement, binding.get()));
    }
}
