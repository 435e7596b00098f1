package org.phrhub.telehealth.schedule;

import java.time.ZonedDateTime;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;

/**
 * An online appointment as the day's list and the visit pages show it.
 *
 * @param appointmentId   e.g. {@code Appointment/visit-1}
 * @param patient         e.g. {@code Patient/hanako}
 * @param patientName     as the resident booked it (the participant's display)
 * @param clinician       e.g. {@code Practitioner/dr-suzuki}
 * @param kind            the hub's service-type code, e.g. {@code online-diagnosis}; empty when not coded
 * @param sessionKey      the video room; empty when the appointment has no virtual service
 * @param appointment     the Appointment as read, which ending the visit marks fulfilled
 */
public record ScheduledVisit(
        String appointmentId,
        Appointment appointment,
        ZonedDateTime start,
        ZonedDateTime end,
        String status,
        String patient,
        String patientName,
        String clinician,
        String clinicianName,
        String reason,
        Optional<String> kind,
        Optional<String> sessionKey) {

    /** The id part, e.g. {@code visit-1}, for URLs. */
    public String id() {
        return appointmentId.substring(appointmentId.indexOf('/') + 1);
    }

    /** The version read, so that ending the visit does not overwrite a change made since. */
    public String version() {
        return appointment.getIdElement().getVersionIdPart();
    }

    public boolean isFulfilled() {
        return "fulfilled".equals(status);
    }
}
