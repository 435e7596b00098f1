package org.phrhub.telehealth.resident;

import java.util.Map;
import java.util.Optional;
import org.phrhub.vocabulary.Hl7Terminology;

/** The words for a kind of data in the access log: a message key by resource type (and Observation category). */
final class DataKinds {

    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("Patient", "demographics"),
            Map.entry("Observation", "observations"),
            Map.entry("MedicationRequest", "prescriptions"),
            Map.entry("MedicationDispense", "dispensed"),
            Map.entry("MedicationStatement", "medication"),
            Map.entry("MedicationAdministration", "medication"),
            Map.entry("Medication", "medication"),
            Map.entry("Condition", "conditions"),
            Map.entry("AllergyIntolerance", "allergies"),
            Map.entry("Appointment", "appointments"),
            Map.entry("Consent", "consents"),
            Map.entry("Composition", "visitNotes"),
            Map.entry("Encounter", "encounters"),
            Map.entry("Procedure", "procedures"),
            Map.entry("DiagnosticReport", "reports"),
            Map.entry("Immunization", "immunizations"),
            Map.entry("Device", "devices"),
            Map.entry("AuditEvent", "accessLog"),
            Map.entry("Provenance", "provenance"));

    private DataKinds() {}

    static AccessEntry.DataLabel of(String resourceType, Optional<String> category) {
        if ("Observation".equals(resourceType) && category.isPresent()) {
            if (Hl7Terminology.VITAL_SIGNS.equals(category.get())) {
                return label("homeBp");
            }
            if (Hl7Terminology.LABORATORY.equals(category.get())) {
                return label("labs");
            }
        }
        String kind = BY_TYPE.get(resourceType);
        return kind == null ? new AccessEntry.DataLabel("dataKind.other", resourceType) : label(kind);
    }

    /** A clinician asking what of the record is shared with them ({@code $access-explain}). */
    static AccessEntry.DataLabel sharing() {
        return label("sharing");
    }

    private static AccessEntry.DataLabel label(String kind) {
        return new AccessEntry.DataLabel("dataKind." + kind, "");
    }
}
