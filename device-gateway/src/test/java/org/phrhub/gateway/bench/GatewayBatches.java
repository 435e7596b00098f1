package org.phrhub.gateway.bench;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.fhir.BloodPressureObservations;
import org.phrhub.gateway.fhir.ReadingClock;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.upload.PreparedReading;
import org.phrhub.gateway.upload.ReadingTriage;
import org.phrhub.gateway.upload.TestMonitors;
import org.phrhub.gateway.upload.UploadBundle;

/**
 * A fresh monitor paired on the hub through a gateway, and its readings as the gateway's upload transactions, built
 * by the gateway's own code (outbox, triage, bundle) but not sent: the benchmarks send them themselves to time them.
 *
 * @param sensorDevice the hub's Device of the monitor, which every Observation of the batches names
 */
record GatewayBatches(String sensorDevice, List<Bundle> batches) {

    static GatewayBatches pairAndPrepare(Gateway gateway, String patient, int readings, LocalDateTime firstTaken, ZoneId zone,
            int batchSize) throws Exception {
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), patient, Optional.empty());
        for (Indication reading : TestMonitors.readings(readings, firstTaken, zone)) {
            gateway.outbox().append(monitor, reading);
        }
        List<PreparedReading> ready = new ArrayList<>();
        for (ReadingTriage.Outcome outcome : new ReadingTriage(gateway.bindings()).triage(gateway.outbox().pending())) {
            if (outcome instanceof ReadingTriage.Ready r && r.reading().binding().sensorDevice().equals(binding.sensorDevice())) {
                ready.add(r.reading());
            }
        }
        if (ready.size() != readings) {
            throw new IllegalStateException(ready.size() + " of " + readings + " readings are ready to upload");
        }
        UploadBundle uploads = new UploadBundle(new BloodPressureObservations(new ReadingClock(zone)), gateway.settings().gatewayId());
        List<Bundle> batches = new ArrayList<>();
        for (int start = 0; start < ready.size(); start += batchSize) {
            batches.add(uploads.build(ready.subList(start, Math.min(ready.size(), start + batchSize))));
        }
        return new GatewayBatches(binding.sensorDevice(), batches);
    }
}
