package org.phrhub.consent.decision;

import java.util.Set;

/** Whose record a resource belongs to: nobody's (directory data) or one or more patients'. */
public sealed interface DataOwnership {

    /** Organizations, practitioners, code systems...: not about a patient. */
    record NotPatientData() implements DataOwnership {}

    /**
     * Data about patients. {@code patients} may be empty for a resource of a patient-data type that
     * names no patient yet; such a resource belongs to nobody and nobody but the server reads it.
     */
    record PatientData(Set<String> patients) implements DataOwnership {
        public PatientData {
            patients = Set.copyOf(patients);
        }

        public boolean belongsOnlyTo(String patient) {
            return patients.equals(Set.of(patient));
        }
    }
}
