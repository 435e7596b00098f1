package org.phrhub.gateway.fhir;

/**
 * Identifier systems, code systems and extensions of the gateway's resources: those the Personal Health
 * Device IG and FHIR define, and the hub's own where no standard one exists.
 */
public final class PhdSystems {

    /** IEEE 11073 System ID (EUI-64) of a device. */
    public static final String SYSTEM_ID = "urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680";
    /** A Bluetooth device address (EUI-48). */
    public static final String BLUETOOTH_ADDRESS = "http://hl7.org/fhir/sid/eui-48/bluetooth";
    public static final String DEVICE_IDENTIFIER_TYPES = "http://hl7.org/fhir/uv/phd/CodeSystem/ContinuaDeviceIdentifiers";

    /** The PHD-style identifier of a reading: device, patient, type and the device's raw time stamp. */
    public static final String READING_IDENTIFIER = "https://phr-hub.example/fhir/sid/phd-reading";
    /** One monitor, or one user slot of a multi-user monitor, as bound to a patient. */
    public static final String MONITOR_BINDING = "https://phr-hub.example/fhir/sid/monitor-binding";
    /** A home gateway. */
    public static final String GATEWAY = "https://phr-hub.example/fhir/sid/device-gateway";

    public static final String GATEWAY_DEVICE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-gatewayDevice";
    /** The value as the monitor measured it, where the Observation carries it converted (kPa to mm[Hg]). */
    public static final String MEASURED_VALUE_EXTENSION = "https://phr-hub.example/fhir/StructureDefinition/measured-value";

    /** Tags telling where a resource came from: {@code phr} for home data, {@code ehr} for hospital data. */
    public static final String DATA_SOURCE_TAGS = "https://phr-hub.example/fhir/CodeSystem/data-source";
    public static final String PHR = "phr";

    /** Tags on a reading whose time is not the device's own. */
    public static final String READING_TIME_TAGS = "https://phr-hub.example/fhir/CodeSystem/reading-time";
    public static final String RECEPTION_TIME = "reception-time";

    /** Codes of the Blood Pressure Measurement status bits. */
    public static final String MEASUREMENT_STATUS_CODES = "https://phr-hub.example/fhir/CodeSystem/bp-measurement-status";

    public static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String VITAL_SIGNS = "vital-signs";

    public static final String BP_PROFILE = "http://hl7.org/fhir/StructureDefinition/bp";
    public static final String HEART_RATE_PROFILE = "http://hl7.org/fhir/StructureDefinition/heartrate";

    private PhdSystems() {}
}
