package org.phrhub.fhirserver;

import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Test readings, each with an identifier of its own so a test can find exactly what it stored. */
public final class Observations {

    public static final String TEST_IDENTIFIER_SYSTEM = "urn:phrhub:test:reading";

    private Observations() {}

    public static Observation heartRate(String patientReference, int beatsPerMinute) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(TEST_IDENTIFIER_SYSTEM).setValue(UUID.randomUUID().toString());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        observation.setSubject(new Reference(patientReference));
        observation.setEffective(DateTimeType.now());
        observation.setValue(new Quantity()
                .setValue(beatsPerMinute)
                .setUnit("/min")
                .setSystem("http://unitsofmeasure.org")
                .setCode("/min"));
        return observation;
    }

    /** The search that finds exactly this reading, e.g. to prove it was or was not stored. */
    public static String searchFor(Observation observation) {
        return "Observation?identifier=" + TEST_IDENTIFIER_SYSTEM + "%7C" + identifierOf(observation);
    }

    public static String identifierOf(Observation observation) {
        return observation.getIdentifierFirstRep().getValue();
    }
}
