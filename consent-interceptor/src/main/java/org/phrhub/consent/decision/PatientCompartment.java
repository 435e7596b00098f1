package org.phrhub.consent.decision;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Finds the patients a resource is about, through the FHIR Patient compartment definition (the same
 * search parameters {@code Patient/x/$everything} and compartment searches use).
 */
public final class PatientCompartment {

    private static final String PATIENT = "Patient";

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
