package org.phrhub.gateway.upload;

import org.phrhub.gateway.ble.decode.BloodPressureMeasurement;
import org.phrhub.gateway.outbox.OutboxEntry;
import org.phrhub.gateway.pairing.Binding;

/** An outbox entry that decoded and belongs to a bound patient: ready to upload. */
public record PreparedReading(OutboxEntry entry, BloodPressureMeasurement measurement, Binding binding) {}
