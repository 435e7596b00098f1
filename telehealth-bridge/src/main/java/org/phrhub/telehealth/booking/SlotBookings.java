package org.phrhub.telehealth.booking;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Books a slot through the hub's {@code Slot/{id}/$book}, as the signed-in resident: the hub books it for the
 * person its token names, once, and answers 409 to whoever comes second.
 */
@Component
class SlotBookings {

    /** The id of the new Appointment, e.g. {@code 456}. */
    String book(IGenericClient fhir, String slotId, String reason) {
        Parameters in = new Parameters();
        if (reason != null && !reason.isBlank()) {
            in.addParameter("reason", new StringType(reason.strip()));
        }
        try {
            Appointment booked = fhir.operation().onInstance(new IdType("Slot", slotId)).named("$book")
                    .withParameters(in).returnResourceType(Appointment.class).execute();
            return booked.getIdElement().getIdPart();
        } catch (ResourceVersionConflictException taken) {
            throw new SlotTaken(taken.getMessage());
        }
    }
}
