package org.phrhub.fhirserver.ingest.bundle;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.consent.decision.ResourceTypes;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * What the importer does with each kind of resource a hospital's bundle holds. It keeps the clinical types
 * ({@link ResourceTypes#CLINICAL}); it refuses the whole bundle for the types listed in {@link #REFUSED};
 * every other type it skips: not stored, counted in the report, references to it removed, so that a
 * hospital's record is not lost over data the hub has no use for (Synthea's Claims, for instance).
 */
final class EntryTypes {

    private EntryTypes() {}

    /**
     * Types a hospital's bundle may not bring, because stored they would change who may read or write a
     * resident's data, what the access log shows, or how the server behaves. A bundle holding one is not a
     * clinical record: it is refused whole, so that its sender learns at once rather than believing it
     * changed something. Each with the reason the report gives.
     */
    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("Consent", "a Consent decides who may read a resident's data; only the resident gives one"),
            Map.entry("AuditEvent", "the access log is written by the hub alone"),
            Map.entry("CareTeam", "membership of a care team makes a practitioner someone a Consent may permit"),
            Map.entry("Group", "a group names patients that group operations and Consents act on"),
            Map.entry("Person", "a Person links one person's records; the hub links them only by enrolment"),
            Map.entry("Subscription", "a Subscription would send data out of the hub"),
            Map.entry("SearchParameter", "a search parameter changes what searches find, on which the access rules rely"),
            Map.entry("CompartmentDefinition", "compartments decide what belongs to a patient's record"),
            Map.entry("StructureDefinition", "profiles configure how the server validates"),
            Map.entry("ImplementationGuide", "implementation guides configure the server"),
            Map.entry("CapabilityStatement", "the server states its own capabilities"),
            Map.entry("OperationDefinition", "operations are defined by the server"),
            Map.entry("CodeSystem", "code systems configure the server's terminology"),
            Map.entry("ValueSet", "value sets configure the server's terminology"),
            Map.entry("ConceptMap", "concept maps configure the server's terminology"),
            Map.entry("NamingSystem", "naming systems configure the server's identifier systems"));

    /** A Device that carries one of these binds a home monitor to a patient: its gateway then writes into their record. */
    private static final Set<String> DEVICE_BINDINGS = HubIdentifiers.GATEWAY_DEVICE_SYSTEMS;

    /** Skipped types the report names together, because a hospital's export holds many of them. */
    private static final Set<String> BILLING = Set.of(
            "Account",
            "ChargeItem",
            "ChargeItemDefinition",
            "Claim",
            "ClaimResponse",
            "Coverage",
            "CoverageEligibilityRequest",
            "CoverageEligibilityResponse",
            "EnrollmentRequest",
            "EnrollmentResponse",
            "ExplanationOfBenefit",
            "Invoice",
            "PaymentNotice",
            "PaymentReconciliation");

    /** Why the bundle is refused for this resource, if it is. */
    static Optional<String> refusal(Resource resource) {
        if (resource instanceof Device device && device.getIdentifier().stream()
                .anyMatch(identifier -> DEVICE_BINDINGS.contains(identifier.getSystem()))) {
            return Optional.of("it binds a home monitor to a patient, which only the resident's gateway does");
        }
        return Optional.ofNullable(REFUSED.get(resource.fhirType()));
    }

    static boolean kept(String type) {
        return ResourceTypes.CLINICAL.contains(type);
    }

    /** How the report says why entries of this skipped type were left out. */
    static String skipReason(String type) {
        if (BILLING.contains(type)) {
            return "the hub does not keep billing data";
        }
        if (type.equals("Device")) {
            return "the hub keeps only the home monitors its gateways register";
        }
        return "the hub does not keep this type of data";
    }
}
