package org.phrhub.vocabulary;

/** The hub's own code systems and extensions for home readings, where no standard one exists. */
public final class HubGatewayCodes {

    /** Tags on a reading whose time is not the device's own. */
    public static final String READING_TIME_TAGS = "https://phr-hub.example/fhir/CodeSystem/reading-time";
    public static final String RECEPTION_TIME = "reception-time";

    /** Codes of the Blood Pressure Measurement status bits. */
    public static final String MEASUREMENT_STATUS_CODES = "https://phr-hub.example/fhir/CodeSystem/bp-measurement-status";

    /** The value as the monitor measured it, where the Observation carries it converted (kPa to mm[Hg]). */
    public static final String MEASURED_VALUE_EXTENSION = "https://phr-hub.example/fhir/StructureDefinition/measured-value";

    private HubGatewayCodes() {}
}
