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

    private HubCodes() {}
}
