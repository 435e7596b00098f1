package org.phrhub.vocabulary;

import java.util.Set;

/** Identifier systems the hub defines itself: for residents, imported records, clients and home devices. */
public final class HubIdentifiers {

    /** The city's common ID (共通ID): the key of a resident's one canonical Patient. */
    public static final String COMMON_ID = "https://phr-hub.example/fhir/sid/common-id";

    /**
     * The identifier every imported resource carries: institution, data type and the key of the record in
     * its source (order number and position, or the patient number), so a re-import finds what it made.
     */
    public static final String SOURCE_RECORD = "https://phr-hub.example/fhir/sid/ehr-source-record";

    /** An OAuth client by its client id, e.g. the importer or a gateway, where a resource names the software that acted. */
    public static final String OAUTH_CLIENT = "https://phr-hub.example/fhir/sid/oauth-client";

    /**
     * A pharmacist's registration number (薬剤師名簿登録番号). JP Core defines an identifier system for doctors'
     * registration numbers only, so the hub names this one itself.
     */
    public static final String PHARMACIST_REGISTRATION_NUMBER = "https://phr-hub.example/fhir/sid/pharmacist-registration-number";

    /** The PHD-style identifier of a reading: device, patient, type and the device's raw time stamp. */
    public static final String READING = "https://phr-hub.example/fhir/sid/phd-reading";
    /** One monitor, or one user slot of a multi-user monitor, as bound to a patient. */
    public static final String MONITOR_BINDING = "https://phr-hub.example/fhir/sid/monitor-binding";
    /** A home gateway. */
    public static final String DEVICE_GATEWAY = "https://phr-hub.example/fhir/sid/device-gateway";

    /** A bookable Slot of a clinician's Schedule, e.g. {@code dr-suzuki-online-diagnosis-2026-12-02T09:00}. */
    public static final String SLOT = "https://phr-hub.example/fhir/sid/slot";
    /**
     * The visit a resident's visit Consent was given for, by the Appointment's id: the booking's consent step
     * finds it again there, so that opening the step twice changes one Consent rather than writing a second.
     */
    public static final String VISIT_CONSENT = "https://phr-hub.example/fhir/sid/visit-consent";

    /**
     * Identifier systems of the Devices home gateways register: a monitor (or a user slot of one) bound to a
     * patient, and a gateway itself. The consent rules trust a gateway's reading by these, so they are the
     * very systems the gateway writes, not a copy of them.
     */
    public static final Set<String> GATEWAY_DEVICE_SYSTEMS = Set.of(MONITOR_BINDING, DEVICE_GATEWAY);

    private HubIdentifiers() {}
}
