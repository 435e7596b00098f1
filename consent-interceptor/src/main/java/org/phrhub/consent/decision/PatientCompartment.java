package org.phrhub.consent.decision;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Finds the patients a resource is about, through the FHIR Patient compartment definition (the same
 * search parameters {@code Patient/x/$everything} and compartment searches use); an AuditEvent is
 * about the patients it names as entity alone ({@link #AUDIT_EVENT_PATIENT_PARAMETER}).
 */
public final class PatientCompartment {

    private static final String PATIENT = "Patient";

    /** The search parameter that finds the AuditEvents about a patient, as {@link #ownershipOf} reads them. */
    public static final String AUDIT_EVENT_PATIENT_PARAMETER = "entity";

    private final FhirContext fhirContext;

    public PatientCompartment(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public DataOwnership ownershipOf(IBaseResource resource) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(resource);
        boolean isPatient = PATIENT.equals(definition.getName());
        if (!isPatient && definition.getSearchParamsForCompartmentName(PATIENT).isEmpty()) {
            return new DataOwnership.NotPatientData();
        }
        Set<String> patients = new LinkedHashSet<>();
        if (resource instanceof AuditEvent event) {
            // An access log entry is about the patients whose data was touched (its entities), not about
            // the agent who asked: else a patient would read their own refused attempts at someone else's
            // record, and learn from them which patients exist.
            for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
                IIdType what = entity.getWhat().getReferenceElement();
                if (PATIENT.equals(what.getResourceType()) && what.hasIdPart()) {
                    patients.add(PATIENT + "/" + what.getIdPart());
                }
            }
            return new DataOwnership.PatientData(patients);
        }
        if (isPatient && resource.getIdElement().hasIdPart()) {
            patients.add(PATIENT + "/" + resource.getIdElement().getIdPart());
        }
        FhirTerser terser = fhirContext.newTerser();
        for (IIdType owner : terser.getCompartmentOwnersForResource(PATIENT, resource, Set.of())) {
            // Compartment parameters such as Observation.subject may also point at groups or devices.
            if (PATIENT.equals(owner.getResourceType()) && owner.hasIdPart()) {
                patients.add(PATIENT + "/" + owner.getIdPart());
            }
        }
        return new DataOwnership.PatientData(patients);
    }
}
