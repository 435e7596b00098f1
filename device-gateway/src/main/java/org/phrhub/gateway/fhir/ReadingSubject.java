package org.phrhub.gateway.fhir;

/**
 * Whose reading it is and what took it, as references inside the upload bundle.
 *
 * @param patient e.g. {@code Patient/hanako}
 * @param deviceKey the monitor (and user slot) in the reading identifier, e.g. {@code 0012A4FFFE3C5D01.u1}
 * @param sensorDevice reference to the monitor's Device
 * @param gatewayDevice reference to this gateway's Device
 */
public record ReadingSubject(String patient, String deviceKey, String sensorDevice, String gatewayDevice) {

    /** The patient's logical id, as the reading identifier carries it. */
    public String patientId() {
        return patient.substring(patient.indexOf('/') + 1);
    }
}
