package org.phrhub.gateway.upload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.gateway.fhir.BloodPressureObservations;
import org.phrhub.gateway.fhir.MappedReading;
import org.phrhub.gateway.fhir.MonitorDevices;
import org.phrhub.gateway.fhir.PhdSystems;
import org.phrhub.gateway.fhir.ReadingSubject;
import org.phrhub.gateway.pairing.Binding;

/**
 * One upload as a FHIR transaction: the gateway Device, each monitor's Device, and the readings'
 * Observations. Every entry is conditional on an identifier, so sending the same readings again (after a
 * crash between the server's confirmation and the outbox's removal, or a monitor re-sending its backlog)
 * stores nothing twice.
 */
public final class UploadBundle {

    private final BloodPressureObservations observations;
    private final String gatewayId;

    public UploadBundle(BloodPressureObservations observations, String gatewayId) {
        this.observations = observations;
        this.gatewayId = gatewayId;
    }

    public Bundle build(List<PreparedReading> readings) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String gateway = IdType.newRandomUuid().getValue();
        add(bundle, gateway, MonitorDevices.gateway(gatewayId), Bundle.HTTPVerb.POST, "Device",
                "Device?identifier=" + token(PhdSystems.GATEWAY, gatewayId), true);

        Map<String, String> sensors = new LinkedHashMap<>();
        java.util.Set<String> readingIdentifiers = new java.util.HashSet<>();
        for (PreparedReading reading : readings) {
            Binding binding = reading.binding();
            String key = MonitorDevices.bindingKey(binding.address(), binding.userId());
            String sensor = sensors.computeIfAbsent(key, k -> {
                String fullUrl = IdType.newRandomUuid().getValue();
                // Conditional update: the Device follows the binding (e.g. a monitor handed to another patient).
                add(bundle, fullUrl, MonitorDevices.sensor(binding, reading.entry().monitor()), Bundle.HTTPVerb.PUT,
                        "Device?identifier=" + token(PhdSystems.MONITOR_BINDING, k), null, false);
                return fullUrl;
            });
            ReadingSubject subject = new ReadingSubject(binding.patient(), deviceKey(reading), sensor, gateway);
            MappedReading mapped = observations.map(reading.measurement(), reading.entry().indication(), subject);
            if (!readingIdentifiers.add(mapped.identifier())) {
                continue; // the monitor sent this reading twice within the batch
            }
            for (Observation observation : mapped.all()) {
                String identifier = observation.getIdentifierFirstRep().getValue();
                add(bundle, observation.getIdElement().getValue(), observation, Bundle.HTTPVerb.POST, "Observation",
                        "identifier=" + token(PhdSystems.READING_IDENTIFIER, identifier), true);
            }
        }
        return bundle;
    }

    private static void add(Bundle bundle, String fullUrl, Resource resource, Bundle.HTTPVerb verb, String url,
            String condition, Boolean conditionalCreate) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        resource.setId((String) null);
        if (Boolean.TRUE.equals(conditionalCreate)) {
            entry.getRequest().setMethod(verb).setUrl(url.contains("?") ? url.substring(0, url.indexOf('?')) : url)
                    .setIfNoneExist(condition.contains("?") ? condition.substring(condition.indexOf('?') + 1) : condition);
        } else {
            entry.getRequest().setMethod(verb).setUrl(condition);
        }
    }

    /** The monitor in reading identifiers: its System ID when it has one, else its address; plus the user slot. */
    private static String deviceKey(PreparedReading reading) {
        String device = reading.entry().monitor().systemId()
                .orElse(reading.entry().monitor().address().replace(":", ""));
        return device + reading.binding().userId().map(id -> ".u" + id).orElse("");
    }

    private static String token(String system, String value) {
        return URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
    }

}
