package org.phrhub.gateway.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Observation;

/**
 * The Observations one Blood Pressure Measurement becomes: the blood pressure itself, the pulse rate and
 * the measurement status when the monitor sent them.
 */
public record MappedReading(Observation bloodPressure, List<Observation> others) {

    public List<Observation> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(bloodPressure), others.stream()).toList();
    }

    /** The identifier value that makes this reading unique on the server. */
    public String identifier() {
        return bloodPressure.getIdentifierFirstRep().getValue();
    }
}
