package org.phrhub.consent.decision;

import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Groups of FHIR R4 resource types that the access rules treat alike. */
public final class ResourceTypes {

    private ResourceTypes() {}

    /** Containers of a response; the resources inside them are decided one by one. */
    static final Set<String> RESPONSE_ENVELOPES = Set.of("Bundle", "OperationOutcome", "Parameters");

    public static boolean isEnvelope(IBaseResource resource) {
        return RESPONSE_ENVELOPES.contains(resource.fhirType());
    }

    /** Written by the hub itself (audit trail, import provenance), never by a user. */
    static final Set<String> SERVER_MANAGED = Set.of("AuditEvent", "Provenance", "Subscription", "SearchParameter");

    /** What a home gateway uploads: readings and the devices that took them. */
    static final Set<String> DEVICE_GATEWAY_WRITES = Set.of("Observation", "Device");

    /** What the regional EHR importer brings from hospitals, with the directory data it refers to. */
    public static final Set<String> CLINICAL = Set.of(
            "Patient",
            "Observation",
            "DiagnosticReport",
            "Condition",
            "AllergyIntolerance",
            "MedicationRequest",
            "MedicationStatement",
            "MedicationDispense",
            "MedicationAdministration",
            "Medication",
            "Immunization",
            "Procedure",
            "Encounter",
            "DocumentReference",
            "Composition",
            "Specimen",
            "ServiceRequest",
            "CarePlan",
            "FamilyMemberHistory",
            "Provenance",
            "Organization",
            "Practitioner",
            "PractitionerRole",
            "Location");
}
