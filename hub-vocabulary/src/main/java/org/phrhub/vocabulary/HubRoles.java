package org.phrhub.vocabulary;

/**
 * Hub roles, usable in {@code Consent.provision.actor.role} to narrow an actor to its members of that role,
 * e.g. the pharmacists of an organization.
 */
public final class HubRoles {

    public static final String SYSTEM = "https://phr-hub.example/fhir/CodeSystem/hub-role";

    private HubRoles() {}
}
