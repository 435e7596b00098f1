package org.phrhub.consent.codes;

/** Code systems the hub defines itself. */
public final class HubCodes {

    /**
     * Hub roles, usable in {@code Consent.provision.actor.role} to narrow an actor to its members of
     * that role, e.g. the pharmacists of an organization.
     */
    public static final String ROLE_SYSTEM = "https://phr-hub.example/fhir/CodeSystem/hub-role";

    /**
     * Data classes a consent can name in {@code provision.code} besides a resource's own category and
     * code: {@code medication} (every Medication* resource) and {@code problem-list} (problem-list
     * Conditions).
     */
    public static final String DATA_CLASS_SYSTEM = "https://phr-hub.example/fhir/CodeSystem/data-class";

    public static final String MEDICATION = "medication";
    public static final String PROBLEM_LIST = "problem-list";

    /**
     * Identifier systems of the Devices home gateways register: a monitor (or a user slot of one) bound
     * to a patient, and a gateway itself.
     */
    public static final java.util.Set<String> GATEWAY_DEVICE_SYSTEMS = java.util.Set.of(
            "https://phr-hub.example/fhir/sid/monitor-binding",
            "https://phr-hub.example/fhir/sid/device-gateway");

    private HubCodes() {}
}
