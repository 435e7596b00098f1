package org.phrhub.telehealth.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bridge's settings ({@code phrhub.bridge.*}); every one is in the README's configuration table.
 *
 * @param issuerUri   the Keycloak realm people sign in with (also Spring's OAuth2 provider issuer)
 * @param fhirBaseUrl the hub's FHIR endpoint, e.g. {@code http://localhost:8080/fhir}
 * @param zone        the zone the clinic works in: what "today", "morning" and "evening" mean
 * @param draftsDir   where unfinished consultation records are kept until they are written to the record
 * @param homeBloodPressure how home readings are judged (JSH 2019 by default)
 * @param video       the STUN/TURN servers handed to the browsers
 * @param cityPlatform whom a resident names to opt in for the city platform, and for what
 */
@ConfigurationProperties("phrhub.bridge")
public record BridgeProperties(
        URI issuerUri,
        URI fhirBaseUrl,
        @DefaultValue("Asia/Tokyo") ZoneId zone,
        @DefaultValue("bridge-drafts") Path draftsDir,
        @DefaultValue("P7D") Duration upcomingDays,
        @DefaultValue HomeBloodPressure homeBloodPressure,
        @DefaultValue Video video,
        @DefaultValue CityPlatform cityPlatform) {

    /**
     * JSH 2019: morning within an hour of waking, evening before bed; at least 5 of the last 7 days with
     * readings; home hypertension from 135/85; targets 125/75 under 75 years and 135/85 from 75. JSH 2025 is
     * reported to set one home target of 125/75 for everyone: set {@code target-from-age-systolic} and
     * {@code -diastolic} to 125/75 for that.
     */
    public record HomeBloodPressure(
            @DefaultValue("04:00") LocalTime morningFrom,
            @DefaultValue("12:00") LocalTime morningUntil,
            @DefaultValue("18:00") LocalTime eveningFrom,
            @DefaultValue("04:00") LocalTime eveningUntil,
            @DefaultValue("7") int averageDays,
            @DefaultValue("5") int minimumDaysWithReadings,
            @DefaultValue("135") int hypertensionSystolic,
            @DefaultValue("85") int hypertensionDiastolic,
            @DefaultValue("125") int targetSystolic,
            @DefaultValue("75") int targetDiastolic,
            @DefaultValue("75") int targetAgeFrom,
            @DefaultValue("135") int targetFromAgeSystolic,
            @DefaultValue("85") int targetFromAgeDiastolic) {}

    /** @param iceServers STUN/TURN servers, e.g. {@code turn:turn.example.org:3478}; empty: direct connections only */
    public record Video(@DefaultValue List<IceServer> iceServers) {}

    public record IceServer(String urls, String username, String credential) {}

    /**
     * The city platform's opt-in as residents give it on My consents. Both must be what the FHIR server enforces
     * ({@code phrhub.consent.city-broker-organization} and {@code -purpose}): a Consent naming anything else would
     * open nothing to the city.
     *
     * @param organization the Organization the city platform reads as
     * @param purpose      the v3-ActReason of every city platform request
     */
    public record CityPlatform(
            @DefaultValue("Organization/city-platform") String organization,
            @DefaultValue("PUBHLTH") String purpose) {}
}
