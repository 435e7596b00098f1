package org.phrhub.vocabulary;

/**
 * HL7 CardX Hypertension Management: the average of self-measured (home) blood pressure, one Observation
 * per average, {@code derivedFrom} the readings averaged.
 */
public final class CardX {

    /** Panel of the mean systolic and mean diastolic home blood pressure (LOINC). */
    public static final String AVERAGE_PANEL = "96607-7";
    public static final String MEAN_SYSTOLIC = "96608-5";
    public static final String MEAN_DIASTOLIC = "96609-3";
    /** How many readings an average is of. */
    public static final String NUMBER_OF_MEASUREMENTS_EXTENSION =
            "http://hl7.org/fhir/uv/cardx-htn-mng/StructureDefinition/NumberOfMeasurementsExt";

    private CardX() {}
}
