package org.phrhub.telehealth.video;

import java.util.Set;

/**
 * Someone the handshake let into a visit's room: one of the Appointment's two participants.
 *
 * @param appointmentId the room, e.g. {@code Appointment/visit-1}
 * @param fhirUser      who they are, e.g. {@code Practitioner/dr-suzuki}
 * @param other         the Appointment's other participant, e.g. {@code Patient/hanako}
 */
public record AdmittedParticipant(String appointmentId, String fhirUser, String other, VisitRole role) {

    /** The session attribute the handshake leaves this under. */
    static final String ATTRIBUTE = AdmittedParticipant.class.getName();

    public Set<String> participants() {
        return Set.of(fhirUser, other);
    }
}
