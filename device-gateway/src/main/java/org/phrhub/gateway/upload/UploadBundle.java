package org.phrhub.gateway.upload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.gateway.fhir.BloodPressureObservations;
import org.phrhub.gateway.fhir.MappedReading;
import org.phrhub.gateway.fhir.MonitorDevices;
import org.phrhub.gateway.fhir.ReadingIds;
import org.phrhub.gateway.fhir.ReadingSubject;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * One upload as a FHIR transaction: the gateway Device, each monitor's Device, and the readings'
 * Observations. The Devices are conditional creates on their identifiers; each Observation is a {@code PUT}
 * to the id its identifier determines ({@link ReadingIds}), which the server resolves for the whole batch at
 * once instead of searching for every identifier. Sending the same readings again (after a crash between
 * the server's confirmation and the outbox's removal, or a monitor re-sending its backlog) stores nothing
 * twice: the server finds each reading unchanged and keeps it as it is.
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
        createIfAbsent(bundle, gateway, MonitorDevices.gateway(gatewayId),
                "Device?identifier=" + token(HubIdentifiers.DEVICE_GATEWAY, gatewayId));

        Map<String, String> sensors = new LinkedHashMap<>();
        Set<String> readingIdentifiers = new HashSet<>();
        for (PreparedReading reading : readings) {
            Binding binding = reading.binding();
            String key = MonitorDevices.bindingKey(binding.address(), binding.userId());
            String sensor = sensors.computeIfAbsent(key, k -> {
                String fullUrl = IdType.newRandomUuid().getValue();
                // Pairing registered the Device; this only restores it should the hub have lost it. A conditional
                // create, not update: HAPI runs a transaction's updates after its creates, too late for the
                // readings' references to it.
                createIfAbsent(bundle, fullUrl, MonitorDevices.sensor(binding, reading.entry().monitor()),
                        "Device?identifier=" + token(HubIdentifiers.MONITOR_BINDING, k));
                return fullUrl;
            });
            ReadingSubject subject = new ReadingSubject(binding.patient(), deviceKey(reading), sensor, gateway);
            MappedReading mapped = observations.map(reading.measurement(), reading.entry().indication(), subject);
            if (!readingIdentifiers.add(mapped.identifier())) {
                continue; // the monitor sent this reading twice within the batch
            }
            for (Observation observation : mapped.all()) {
                // In bundle order: a status Observation comes after the readings it is derived from.
                bundle.addEntry().setResource(observation).getRequest()
                        .setMethod(Bundle.HTTPVerb.PUT)
                        .setUrl(observation.getIdElement().toUnqualifiedVersionless().getValue());
            }
        }
        return bundle;
    }

    /** A conditional create: {@code match} is the search that finds the resource if it is already stored. */
    private static void createIfAbsent(Bundle bundle, String fullUrl, Resource resource, String match) {
        int query = match.indexOf('?');
        resource.setId((String) null);
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(match.substring(0, query))
                .setIfNoneExist(match.substring(query + 1));
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
