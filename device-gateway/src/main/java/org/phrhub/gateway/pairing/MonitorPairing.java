package org.phrhub.gateway.pairing;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.fhir.MonitorDevices;
import org.phrhub.gateway.upload.FhirTransactions;
import org.phrhub.gateway.upload.UploadException;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * Binds a monitor (and a user slot of a multi-user monitor) to a patient: the hub gets a sensor Device
 * with {@code patient} set, the gateway remembers the binding. Readings waiting for this binding are
 * uploaded from then on.
 */
public final class MonitorPairing {

    private static final Pattern PATIENT = Pattern.compile("Patient/[A-Za-z0-9\\-.]{1,64}");

    private final FhirTransactions transactions;
    private final BindingStore bindings;

    public MonitorPairing(FhirTransactions transactions, BindingStore bindings) {
        this.transactions = transactions;
        this.bindings = bindings;
    }

    public Binding pair(MonitorInfo monitor, Optional<Integer> userId, String patient, Optional<String> quirks)
            throws UploadException, IOException {
        if (!PATIENT.matcher(patient).matches()) {
            throw new IllegalArgumentException("the patient must be a reference like Patient/hanako, not '" + patient + "'");
        }
        userId.filter(id -> id < 0 || id > 254).ifPresent(id -> {
            throw new IllegalArgumentException("a monitor's user ID is 0 to 254 (255 means unknown user), not " + id);
        });
        Binding draft = new Binding(monitor.address(), monitor.systemId(), userId, patient, "", quirks);
        Device device = MonitorDevices.sensor(draft, monitor);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry()
                .setFullUrl(IdType.newRandomUuid().getValue())
                .setResource(device)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Device?identifier=" + java.net.URLEncoder.encode(HubIdentifiers.MONITOR_BINDING + "|"
                        + MonitorDevices.bindingKey(monitor.address(), userId), java.nio.charset.StandardCharsets.UTF_8));
        Bundle response = transactions.commit(transaction);
        String location = response.getEntryFirstRep().getResponse().getLocation();
        IdType stored = new IdType(location);
        Binding binding = new Binding(monitor.address(), monitor.systemId(), userId, patient,
                "Device/" + stored.getIdPart(), quirks);
        bindings.save(binding);
        return binding;
    }
}
