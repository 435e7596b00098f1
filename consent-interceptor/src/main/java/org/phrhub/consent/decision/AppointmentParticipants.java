package org.phrhub.consent.decision;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;

/**
 * Who an Appointment is addressed to. A clinician takes part in one as their own Practitioner or as one
 * of their PractitionerRoles; the organizations and care teams they act for under Consents are not
 * participants, so an appointment booked with a clinic does not open to each of its staff.
 */
public final class AppointmentParticipants {

    public static final String TYPE = "Appointment";

    private static final Set<String> PARTICIPANT_TYPES = Set.of("Practitioner", "PractitionerRole");

    private AppointmentParticipants() {}

    /** The references a reader takes part in an Appointment by; empty for readers other than practitioners. */
    public static Set<String> of(Reader reader) {
        return reader.actorReferences().stream()
                .filter(reference -> PARTICIPANT_TYPES.stream().anyMatch(type -> reference.startsWith(type + "/")))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether the Appointment names the reader as one of its participants. */
    public static boolean names(Appointment appointment, Reader reader) {
        Set<String> own = of(reader);
        return appointment.getParticipant().stream()
                .map(participant -> participant.getActor().getReferenceElement().toUnqualifiedVersionless().getValue())
                .anyMatch(own::contains);
    }
}
