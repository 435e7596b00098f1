package org.phrhub.vocabulary;

/** Identifier systems and code systems of the HL7 Personal Health Device (PHD) implementation guide. */
public final class PersonalHealthDevice {

    /** IEEE 11073 System ID (EUI-64) of a device. */
    public static final String SYSTEM_ID = "urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680";
    /** A Bluetooth device address (EUI-48). */
    public static final String BLUETOOTH_ADDRESS = "http://hl7.org/fhir/sid/eui-48/bluetooth";
    public static final String DEVICE_IDENTIFIER_TYPES = "http://hl7.org/fhir/uv/phd/CodeSystem/ContinuaDeviceIdentifiers";

    private PersonalHealthDevice() {}
}
