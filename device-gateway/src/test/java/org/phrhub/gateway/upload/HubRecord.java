package org.phrhub.gateway.upload;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.phrhub.gateway.HubFixture;

/** Reads a patient's record from the hub as that patient (signed in through Keycloak), as a patient's app would. */
public final class HubRecord {

    private final HttpClient http = HttpClient.newHttpClient();
    private final FhirContext fhir = FhirContext.forR4Cached();
    private final String patientUser;

    public HubRecord(String patientUser) {
        this.patientUser = patientUser;
    }

    /** Every Observation the monitor's Device took, all pages. */
    public List<Observation> observationsOf(String sensorDevice) {
        List<Observation> observations = new ArrayList<>();
        String next = HubFixture.server().fhirBaseUrl() + "/Observation?device=" + sensorDevice + "&_count=200";
        while (next != null) {
            Bundle page = get(next);
            page.getEntry().forEach(entry -> observations.add((Observation) entry.getResource()));
            next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
        }
        return observations;
    }

    /** Blood-pressure Observations of the device, counted by the server. */
    public int bloodPressureCount(String sensorDevice) {
        return get(HubFixture.server().fhirBaseUrl() + "/Observation?device=" + sensorDevice
                + "&code=http://loinc.org%7C85354-9&_summary=count").getTotal();
    }

    /** Every Observation of the device, counted by the server. */
    public int observationCount(String sensorDevice) {
        return get(HubFixture.server().fhirBaseUrl() + "/Observation?device=" + sensorDevice + "&_summary=count").getTotal();
    }

    private Bundle get(String url) {
        String token = HubFixture.keycloak().tokens().userToken(patientUser);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return fhir.newJsonParser().parseResource(Bundle.class, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
