package org.phrhub.consent.requester;

/**
 * The SMART {@code fhirUser} claim: the FHIR resource that is the signed-in person, e.g. {@code Patient/hanako}.
 */
public record FhirUser(String resourceType, String id) {

    public FhirUser {
        if (resourceType == null || resourceType.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("fhirUser needs a resource type and an id");
        }
    }

    /** Parses a relative ({@code Patient/hanako}) or absolute ({@code https://x/fhir/Patient/hanako}) reference. */
    public static FhirUser parse(String claim) {
        if (claim == null) {
            throw new IllegalArgumentException("fhirUser claim is missing");
        }
        String[] parts = claim.strip().split("/");
        if (parts.length < 2) {
            throw new IllegalArgumentException("fhirUser claim '" + claim + "' is not of the form Type/id");
        }
        return new FhirUser(parts[parts.length - 2], parts[parts.length - 1]);
    }

    public boolean isPatient() {
        return "Patient".equals(resourceType);
    }

    public String reference() {
        return resourceType + "/" + id;
    }
}
